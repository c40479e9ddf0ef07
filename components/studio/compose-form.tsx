"use client";

import { LoaderCircle } from "lucide-react";
import { startTransition, useActionState, useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { submitEditAction, type SubmitEditState } from "@/lib/actions/studio/submit-edit";
import { estimateEditCredits } from "@/lib/jobs/estimate-edit-credits";
import type { JobView } from "@/lib/jobs/job-view";
import { MAX_PROMPT_CHARS, MAX_VARIANTS } from "@/lib/jobs/schemas";
import { variationsMeaning } from "./model-facts";
import { ModelPicker } from "./model-picker";
import type { ComposeDraft } from "./use-compose-draft";
import type { StudioModel } from "./studio-model";

type Props = {
  workspaceSlug: string;
  models: StudioModel[];
  draft: ComposeDraft;
  onDraftChange(change: Partial<ComposeDraft>): void;
  /** Spendable credits of the workspace right now. */
  available: number;
  uploadsBusy: boolean;
  onSubmitted(job: JobView): void;
  promptRef?: React.Ref<HTMLTextAreaElement>;
  modelSelectId: string;
};

type Field = "inputs" | "prompt" | "model" | "n";
type Snapshot = Record<Field, string>;

const fieldClass =
  "w-full rounded-md border border-input bg-background px-3 py-2 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive";
const credits = (n: number) => `${n.toLocaleString("en-US")} credit${n === 1 ? "" : "s"}`;
const FIELD_NAMES: Record<Field, string> = { inputs: "Images", prompt: "Description", model: "Model", n: "Variations" };

const snapshotOf = (draft: ComposeDraft): Snapshot => ({
  inputs: draft.inputs.map((image) => image.id).join(","),
  prompt: draft.prompt.trim(),
  model: draft.model,
  n: String(draft.n),
});

/**
 * The bar under the images: the prompt and Run, the model and variations beside them, and what the edit may
 * cost. It sends exactly the draft on screen (the FormData is built from it, not read back from the DOM), and
 * React's automatic form reset never runs, so a refused submit leaves every choice as it was. An error shows
 * while its field still holds the value that was refused.
 */
export function ComposeForm({ workspaceSlug, models, draft, onDraftChange, available, uploadsBusy, onSubmitted, promptRef, modelSelectId }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const ids = { prompt: useId(), n: useId(), estimate: useId(), why: useId(), summary: useId() };
  const [refused, setRefused] = useState<Snapshot | null>(null);
  const [state, dispatch, pending] = useActionState(async (previous: SubmitEditState, formData: FormData) => {
    const result = await submitEditAction(previous, formData);
    if (result.status === "success" && result.job) onSubmitted(result.job);
    return result;
  }, { status: "idle" } as SubmitEditState);

  const chosen = models.find((m) => m.id === draft.model);
  const hold = chosen ? estimateEditCredits(chosen, { promptChars: draft.prompt.trim().length, images: draft.inputs.length, n: draft.n }) : null;
  const now = snapshotOf(draft);
  const failed = state.status === "error" && refused !== null;
  const fieldErrors = failed ? state.fieldErrors ?? {} : {};
  const errorOf = (field: Field) => (refused && refused[field] === now[field] ? fieldErrors[field]?.join(" ") : undefined);
  const shown = (Object.keys(FIELD_NAMES) as Field[]).flatMap((field) => {
    const text = errorOf(field);
    return text ? [{ field, text }] : [];
  });
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  // A refusal about the edit as a whole (credits, a vanished image) stays until something is changed.
  const formMessage = failed && !hasFieldErrors && (Object.keys(now) as Field[]).every((f) => refused[f] === now[f]) ? state.message : undefined;

  const why = uploadsBusy ? "Waiting for uploads to finish…" : draft.inputs.length === 0 ? "Add an image to edit first." : null;
  const canRun = !pending && why === null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canRun) return;
    const data = new FormData();
    data.set("workspace", workspaceSlug);
    for (const image of draft.inputs) data.append("inputs", image.id);
    data.set("prompt", draft.prompt);
    data.set("model", draft.model);
    data.set("n", String(draft.n));
    setRefused(snapshotOf(draft));
    startTransition(() => dispatch(data));
  }

  return (
    <form
      ref={form}
      onSubmit={submit}
      noValidate
      aria-label="New edit"
      data-testid="compose-bar"
      className="sticky bottom-2 z-20 grid grid-cols-1 gap-3 rounded-xl border border-border bg-card p-3 shadow-lg"
    >
      {shown.length || formMessage ? (
        <Alert variant="destructive" id={ids.summary} className="py-2">
          {formMessage ?? (
            <>
              <p className="font-medium">This edit wasn&apos;t run:</p>
              <ul className="list-disc pl-5">
                {shown.map(({ field, text }) => (
                  <li key={field}>{text}</li>
                ))}
              </ul>
            </>
          )}
        </Alert>
      ) : null}

      <div className="flex items-end gap-2">
        <label htmlFor={ids.prompt} className="sr-only">
          Describe the edit
        </label>
        <textarea
          ref={promptRef}
          id={ids.prompt}
          name="prompt"
          rows={2}
          maxLength={MAX_PROMPT_CHARS}
          value={draft.prompt}
          onChange={(event) => onDraftChange({ prompt: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
              event.preventDefault();
              // requestSubmit would skip the disabled button's rule: a second press must not submit the edit twice.
              if (canRun) form.current?.requestSubmit();
            }
          }}
          placeholder="Describe the edit, e.g. make it grayscale"
          aria-invalid={errorOf("prompt") ? true : undefined}
          aria-describedby={errorOf("prompt") ? ids.summary : undefined}
          className={`${fieldClass} max-h-40 min-h-11 flex-1 resize-y`}
        />
        <Button type="submit" disabled={!canRun} aria-describedby={why ? ids.why : ids.estimate} className="h-11 shrink-0">
          {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : null}
          {pending ? "Submitting…" : "Run edit"}
        </Button>
      </div>

      <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,6.5rem)] gap-x-2 gap-y-1 sm:grid-cols-[minmax(0,1fr)_minmax(0,10rem)] sm:gap-x-3">
        <ModelPicker id={modelSelectId} models={models} value={draft.model} onChange={(model) => onDraftChange({ model })} error={errorOf("model")} className={fieldClass} />
        <div className="grid min-w-0 grid-cols-1 content-start gap-1">
          <label htmlFor={ids.n} className="text-xs font-medium leading-6">
            Variations
          </label>
          <select id={ids.n} name="n" value={draft.n} onChange={(event) => onDraftChange({ n: Number(event.target.value) })} className={fieldClass} aria-describedby={`${ids.n}-meaning`}>
            {Array.from({ length: MAX_VARIANTS }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {chosen?.provider === "local" ? `${n} per image` : n}
              </option>
            ))}
          </select>
          <p id={`${ids.n}-meaning`} className="text-xs text-muted-foreground">
            {variationsMeaning(chosen, draft.n, Math.max(1, draft.inputs.length))}
          </p>
        </div>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 text-xs">
        <p id={ids.estimate} data-testid="credit-estimate">
          {hold === null ? (
            "Choose a model to see what this edit may cost."
          ) : (
            <>
              Up to <strong className="tabular-nums" data-testid="credit-estimate-amount">{credits(hold)}</strong>; you pay what it uses
              {/* A phone's shell header shows the balance already; the bar stays short there. */}
              <span className="hidden text-muted-foreground sm:inline"> · {credits(available)} available</span>
            </>
          )}
        </p>
        {hold !== null && hold > available ? <p className="font-medium text-destructive">More than this workspace has available.</p> : null}
        <p id={ids.why} className="text-muted-foreground" aria-live="polite">
          {why ?? (
            <span className="hidden sm:inline">
              <kbd className="font-sans">Ctrl/⌘ Enter</kbd> runs it
            </span>
          )}
        </p>
      </div>
    </form>
  );
}
