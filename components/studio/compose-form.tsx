"use client";

import { useActionState, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";
import { submitEditAction, type SubmitEditState } from "@/lib/actions/studio/submit-edit";
import { estimateEditCredits } from "@/lib/jobs/estimate-edit-credits";
import type { JobView } from "@/lib/jobs/job-view";
import { MAX_PROMPT_CHARS, MAX_VARIANTS } from "@/lib/jobs/schemas";
import type { PickedImage } from "./picked-image";
import type { StudioModel } from "./studio-model";

type Props = {
  workspaceSlug: string;
  models: StudioModel[];
  initialModel: string;
  initialPrompt: string;
  inputs: PickedImage[];
  /** Spendable credits of the workspace right now. */
  available: number;
  uploadsBusy: boolean;
  onSubmitted(job: JobView): void;
};

const fieldClass =
  "w-full rounded-md border border-input bg-background px-3 py-2 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive";
const credits = (n: number) => `${n.toLocaleString("en-US")} credit${n === 1 ? "" : "s"}`;

/** Model, prompt and variations, with the credits the edit will hold shown before it is submitted. */
export function ComposeForm({ workspaceSlug, models, initialModel, initialPrompt, inputs, available, uploadsBusy, onSubmitted }: Props) {
  const [model, setModel] = useState(initialModel);
  const [prompt, setPrompt] = useState(initialPrompt);
  const [variants, setVariants] = useState(1);
  const form = useRef<HTMLFormElement>(null);
  const ids = { model: useId(), prompt: useId(), n: useId(), hint: useId(), estimate: useId() };
  const [state, action, pending] = useActionState(async (previous: SubmitEditState, formData: FormData) => {
    const result = await submitEditAction(previous, formData);
    if (result.status === "success" && result.job) onSubmitted(result.job);
    return result;
  }, { status: "idle" } as SubmitEditState);

  const chosen = models.find((m) => m.id === model);
  const hold = chosen ? estimateEditCredits(chosen.prices, { promptChars: prompt.trim().length, images: inputs.length, n: variants }) : null;
  const errors = state.status === "error" ? state.fieldErrors : undefined;

  return (
    <form ref={form} action={action} className="grid gap-4" noValidate aria-label="New edit">
      <input type="hidden" name="workspace" value={workspaceSlug} />
      {inputs.map((image) => (
        <input key={image.id} type="hidden" name="inputs" value={image.id} />
      ))}
      {errors?.inputs ? <p className="text-xs font-medium text-destructive">{errors.inputs.join(" ")}</p> : null}

      <div className="grid gap-2">
        <Label htmlFor={ids.prompt}>Describe the edit</Label>
        <textarea
          id={ids.prompt}
          name="prompt"
          rows={4}
          maxLength={MAX_PROMPT_CHARS}
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
              event.preventDefault();
              // requestSubmit ignores the disabled button: a second press must not submit the edit twice.
              if (!pending) form.current?.requestSubmit();
            }
          }}
          placeholder="e.g. make it grayscale, then rotate it right"
          aria-invalid={errors?.prompt ? true : undefined}
          aria-describedby={ids.hint}
          className={`${fieldClass} resize-y`}
        />
        <p id={ids.hint} className="text-xs text-muted-foreground">
          {errors?.prompt ? <span className="font-medium text-destructive">{errors.prompt.join(" ")} </span> : null}
          <kbd className="font-sans">Ctrl/⌘ Enter</kbd> submits.
        </p>
      </div>

      <div className="grid gap-4 sm:grid-cols-[1fr_auto]">
        <div className="grid gap-2">
          <Label htmlFor={ids.model}>Model</Label>
          <select id={ids.model} name="model" value={model} onChange={(event) => setModel(event.target.value)} className={fieldClass} aria-invalid={errors?.model ? true : undefined}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.displayName}
              </option>
            ))}
          </select>
          {errors?.model ? <p className="text-xs font-medium text-destructive">{errors.model.join(" ")}</p> : null}
        </div>
        <div className="grid gap-2">
          <Label htmlFor={ids.n}>Variations</Label>
          <select id={ids.n} name="n" value={variants} onChange={(event) => setVariants(Number(event.target.value))} className={fieldClass}>
            {Array.from({ length: MAX_VARIANTS }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n} per image
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-muted px-3 py-2 text-sm">
        <p id={ids.estimate} data-testid="credit-estimate">
          {hold === null ? (
            "Choose a model to see what this edit costs."
          ) : (
            <>
              This edit will hold <strong className="tabular-nums" data-testid="credit-estimate-amount">{credits(hold)}</strong>
              <span className="text-muted-foreground"> · {credits(available)} available</span>
            </>
          )}
        </p>
        {hold !== null && hold > available ? <p className="text-xs font-medium text-destructive">More than this workspace has available.</p> : null}
      </div>

      {state.status === "error" && state.message ? <Alert variant="destructive">{state.message}</Alert> : null}
      {uploadsBusy ? <p className="text-xs text-muted-foreground">Uploads still running: they join the edit once they finish.</p> : null}

      <div>
        <SubmitButton pendingLabel="Submitting…" aria-describedby={ids.estimate}>
          Run edit
        </SubmitButton>
      </div>
    </form>
  );
}
