"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { READ_ONLY_NOTE, useWorkspaceReadOnly } from "@/components/shell/workspace-read-only";
import { Alert } from "@/components/ui/alert";
import type { RecentAsset } from "@/lib/assets/recent-asset";
import { assetFileUrl } from "@/lib/assets/asset-urls";
import { isTerminal, type JobView } from "@/lib/jobs/job-view";
import { MAX_EDIT_INPUTS } from "@/lib/jobs/schemas";
import { ComposeForm } from "./compose-form";
import { ImagePickerDialog } from "./image-picker-dialog";
import { InputStrip } from "./input-strip";
import { JOB_STATUS_LABEL } from "./job-status-badge";
import { JobList } from "./job-list";
import { pickedFromAsset, type PickedImage } from "./picked-image";
import type { StudioModel } from "./studio-model";
import { UploadDropZone } from "./upload-drop-zone";
import { UploadList } from "./upload-list";
import { useComposeDraft } from "./use-compose-draft";
import { syncClock } from "./use-now";
import { usePageFileDrop } from "./use-page-file-drop";
import { useUploadQueue, type UploadItem } from "./use-upload-queue";

export type StudioProps = {
  workspaceSlug: string;
  canCreate: boolean;
  canCancelAny: boolean;
  models: StudioModel[];
  initialModel: string;
  initialPrompt: string;
  initialInputs: RecentAsset[];
  /** The page was opened with its own inputs or prompt (an "edit again" link): a stored draft doesn't replace them. */
  preloaded: boolean;
  notices: string[];
  recentAssets: RecentAsset[];
  jobs: JobView[];
  available: number;
  limits: { maxBytes: number; limitsText: string };
  serverNow: number;
};

const newer = (a: JobView, b: JobView) => (BigInt(a.lastEventId) >= BigInt(b.lastEventId) ? a : b);
const short = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** The studio: put images in, describe the edit, pick a model, watch it run, keep going from the result. */
export function Studio(props: StudioProps) {
  const { workspaceSlug, models, serverNow } = props;
  const readOnly = useWorkspaceReadOnly();
  const canCreate = props.canCreate && !readOnly;
  const router = useRouter();
  const { draft, update, submitted: draftSubmitted } = useComposeDraft({
    workspaceSlug,
    initial: { inputs: props.initialInputs.map(pickedFromAsset), prompt: props.initialPrompt, model: props.initialModel, n: 1 },
    restore: !props.preloaded,
    modelIds: models.map((m) => m.id),
  });
  const inputs = draft.inputs;
  const setInputs = useCallback(
    (change: PickedImage[] | ((current: PickedImage[]) => PickedImage[])) => update((current) => ({ inputs: typeof change === "function" ? change(current.inputs) : change })),
    [update],
  );
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set());
  const promptField = useRef<HTMLTextAreaElement>(null);
  const modelSelectId = useId();
  const [fresh, setFresh] = useState<PickedImage[]>([]);
  const [submitted, setSubmitted] = useState<JobView[]>([]);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const refreshing = useRef(false);
  const editsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => syncClock(serverNow), [serverNow]);
  const announce = useCallback((text: string) => setAnnouncement((current) => (current === text ? `${text}\u00a0` : text)), []);

  const addInputs = useCallback((images: PickedImage[]) => {
    setInputs((current) => {
      const have = new Set(current.map((image) => image.id));
      return [...current, ...images.filter((image) => !have.has(image.id))].slice(0, MAX_EDIT_INPUTS);
    });
  }, [setInputs]);

  const onUploadSettled = useCallback(
    (item: UploadItem) => {
      if (item.status === "done" && item.asset) {
        const image: PickedImage = { id: item.asset.id, label: item.name, thumbUrl: item.previewUrl, fullUrl: item.previewUrl, width: item.asset.width, height: item.asset.height };
        setFresh((current) => [image, ...current.filter((other) => other.id !== image.id)]);
        addInputs([image]);
        announce(item.asset.deduplicated ? `${item.name} was already in this workspace; it was added to the images to edit.` : `${item.name} uploaded.`);
      } else if (item.status === "rejected" || item.status === "failed") {
        announce(`${item.name} wasn't uploaded. ${item.message ?? ""}`);
      }
    },
    [addInputs, announce],
  );
  const uploads = useUploadQueue({ workspaceSlug, maxBytes: props.limits.maxBytes, onSettled: onUploadSettled });
  const dragging = usePageFileDrop(uploads.addFiles, canCreate);

  const library = useMemo(() => {
    const seen = new Set<string>();
    return [...fresh, ...props.recentAssets.map(pickedFromAsset)].filter((image) => !seen.has(image.id) && seen.add(image.id));
  }, [fresh, props.recentAssets]);

  const jobs = useMemo(() => {
    const byId = new Map<string, JobView>();
    for (const job of [...submitted, ...props.jobs]) if (!cleared.has(job.id)) byId.set(job.id, byId.has(job.id) ? newer(byId.get(job.id)!, job) : job);
    return [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }, [submitted, props.jobs, cleared]);

  const modelNames = useMemo(() => new Map(models.map((m) => [m.id, m.displayName])), [models]);

  const onJobChange = useCallback(
    (previous: JobView, next: JobView) => {
      if (next.status !== previous.status) announce(`Edit “${short(next.prompt)}”: ${JOB_STATUS_LABEL[next.status].toLowerCase()}.`);
      for (const id of next.outputIds.filter((id) => !previous.outputIds.includes(id))) {
        setFresh((current) => [{ id, label: `Result of “${short(next.prompt)}”`, thumbUrl: assetFileUrl(id, { thumb: true }) }, ...current]);
      }
      // The shell's credit balance and the picker's images come from the server: fetch them once it's over.
      if (isTerminal(next.status) && !refreshing.current) {
        refreshing.current = true;
        queueMicrotask(() => {
          refreshing.current = false;
          router.refresh();
        });
      }
    },
    [announce, router],
  );

  const onUseAsInput = useCallback(
    (assetId: string) => {
      const image = library.find((candidate) => candidate.id === assetId) ?? { id: assetId, label: "Result", thumbUrl: assetFileUrl(assetId, { thumb: true }) };
      addInputs([image]);
      announce(`${image.label} added to the images to edit.`);
    },
    [addInputs, announce, library],
  );

  const onSubmitted = useCallback(
    (job: JobView) => {
      setSubmitted((current) => [job, ...current]);
      announce(`Edit submitted; it will cost at most ${job.heldCredits ?? 0} credits.`);
      // On a phone the edits are below the form: bring the new tile into view (no-op on a desktop).
      requestAnimationFrame(() => editsHeading.current?.scrollIntoView({ block: "nearest" }));
    },
    [announce],
  );

  const imagesOf = useCallback(
    (job: JobView): PickedImage[] =>
      job.inputIds.map((id) => library.find((image) => image.id === id) ?? { id, label: "Image", thumbUrl: assetFileUrl(id, { thumb: true }), fullUrl: assetFileUrl(id) }),
    [library],
  );

  const followUps = useMemo(
    () => ({
      onSubmitted,
      onTryAnotherModel(job: JobView) {
        update({ inputs: imagesOf(job), prompt: job.prompt, n: job.n });
        announce("The edit's images and prompt are back in the editor: choose another model and run it.");
        requestAnimationFrame(() => document.getElementById(modelSelectId)?.focus());
      },
      onRestorePrompt(job: JobView) {
        update({ prompt: job.prompt });
        announce("Prompt restored.");
        requestAnimationFrame(() => promptField.current?.focus());
      },
      onCleared(job: JobView) {
        setCleared((current) => new Set([...current, job.id]));
        announce("Edit cleared from the list.");
        requestAnimationFrame(() => editsHeading.current?.focus());
      },
    }),
    [announce, imagesOf, modelSelectId, onSubmitted, update],
  );

  function move(from: number, to: number) {
    const moved = inputs[from];
    if (!moved || to < 0 || to >= inputs.length) return;
    const next = [...inputs];
    next.splice(from, 1);
    next.splice(to, 0, moved);
    setInputs(next);
    announce(`${moved.label} moved to position ${to + 1} of ${next.length}.`);
  }

  return (
    <div className="grid gap-6">
      {props.notices.map((notice) => (
        <Alert key={notice}>{notice}</Alert>
      ))}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(18rem,24rem)]">
        {canCreate ? (
          <section aria-label="Compose" className="grid min-w-0 grid-cols-1 gap-3 self-stretch lg:content-start">
            <UploadDropZone onFiles={uploads.addFiles} pageDragging={dragging}>
              {(openFiles) => (
                <InputStrip
                  images={inputs}
                  max={MAX_EDIT_INPUTS}
                  onMove={move}
                  onRemove={(index) => {
                    announce(`${inputs[index]?.label ?? "Image"} removed.`);
                    setInputs((current) => current.filter((_, i) => i !== index));
                  }}
                  onOpenPicker={() => setPickerOpen(true)}
                  onOpenFiles={openFiles}
                  limitsText={props.limits.limitsText}
                  uploads={<UploadList items={uploads.items} onRetry={uploads.retry} onClear={uploads.clearFinished} />}
                />
              )}
            </UploadDropZone>
            {models.length ? (
              <ComposeForm
                workspaceSlug={workspaceSlug}
                models={models}
                draft={draft}
                onDraftChange={update}
                available={props.available}
                uploadsBusy={uploads.busy}
                promptRef={promptField}
                modelSelectId={modelSelectId}
                onSubmitted={(job) => {
                  draftSubmitted();
                  onSubmitted(job);
                }}
              />
            ) : (
              <Alert variant="destructive">No model is available right now. Ask a platform admin to enable one.</Alert>
            )}
            <ImagePickerDialog
              open={pickerOpen}
              images={library}
              chosenIds={new Set(inputs.map((image) => image.id))}
              room={MAX_EDIT_INPUTS - inputs.length}
              onAdd={(images) => {
                addInputs(images);
                announce(`${images.length} image${images.length === 1 ? "" : "s"} added to the edit.`);
              }}
              onClose={() => setPickerOpen(false)}
            />
          </section>
        ) : (
          <Alert>{readOnly ? `${READ_ONLY_NOTE} You can follow its edits and open its images, not make new ones.` : "Your role in this workspace lets you follow its edits, not make new ones."}</Alert>
        )}
        <section aria-labelledby="edits-title" className="grid min-w-0 grid-cols-1 gap-3">
          <h2 id="edits-title" ref={editsHeading} tabIndex={-1} className="scroll-mt-4 text-lg font-semibold focus-visible:outline-none">
            Edits <span className="text-sm font-normal text-muted-foreground">last 24 hours</span>
          </h2>
          <JobList
            jobs={jobs}
            modelNames={modelNames}
            workspaceSlug={workspaceSlug}
            canCancelAny={props.canCancelAny}
            serverNow={serverNow}
            onChange={onJobChange}
            onUseAsInput={canCreate ? onUseAsInput : undefined}
            followUps={canCreate ? followUps : undefined}
          />
        </section>
      </div>
      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>
      {dragging ? (
        <div aria-hidden className="pointer-events-none fixed inset-3 z-40 flex items-center justify-center rounded-2xl border-4 border-dashed border-ring bg-background/80 text-lg font-semibold">
          Drop images to upload them
        </div>
      ) : null}
    </div>
  );
}
