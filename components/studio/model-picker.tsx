"use client";

import { Check, ListFilter } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { modelFacts } from "./model-facts";
import type { StudioModel } from "./studio-model";

type Props = {
  id: string;
  models: StudioModel[];
  value: string;
  onChange(id: string): void;
  error?: string;
  className: string;
};

/**
 * The model: a native select (fast with a keyboard, a phone's own picker) showing the chosen model's line, time
 * and price, and a dialog comparing every model side by side.
 */
export function ModelPicker({ id, models, value, onChange, error, className }: Props) {
  const [comparing, setComparing] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const infoId = useId();
  const chosen = models.find((m) => m.id === value);
  function close() {
    setComparing(false);
    // The dialog unmounts: focus goes back to the select it stands in for, not to the page's start.
    requestAnimationFrame(() => document.getElementById(id)?.focus());
  }

  // Mounted only while open: a closed dialog titled "…model…" would otherwise also answer to the label "Model".
  useEffect(() => {
    const element = dialog.current;
    if (comparing && element && !element.open) element.showModal();
  }, [comparing]);

  return (
    <div className="grid min-w-0 grid-cols-1 content-start gap-1">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-xs font-medium">
          Model
        </label>
        <Button type="button" variant="link" size="sm" className="h-6 px-0 text-xs" onClick={() => setComparing(true)}>
          <ListFilter aria-hidden /> Compare models
        </Button>
      </div>
      <select id={id} name="model" value={value} onChange={(event) => onChange(event.target.value)} className={className} aria-invalid={error ? true : undefined} aria-describedby={infoId}>
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName}
          </option>
        ))}
      </select>
      <p id={infoId} className="text-xs text-muted-foreground" data-testid="model-info">
        {error ? <span className="font-medium text-destructive">{error} </span> : null}
        {chosen ? (
          <>
            {chosen.description ? (
              <span className="hidden truncate sm:block" title={chosen.description}>
                {chosen.description}
              </span>
            ) : null}
            <span>{modelFacts(chosen)}</span>
          </>
        ) : null}
      </p>
      {comparing ? (
        <dialog
          ref={dialog}
          aria-labelledby={titleId}
          onClose={close}
          className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-xl border border-border bg-card p-0 text-card-foreground shadow-lg backdrop:bg-black/50"
        >
          <div className="flex max-h-[min(40rem,calc(100dvh-4rem))] flex-col">
            <header className="border-b border-border p-4">
              <h2 id={titleId} className="text-lg font-semibold">
                Choose a model
              </h2>
              <p className="text-sm text-muted-foreground">Times are typical for one image; prices are the most one image and one result can cost.</p>
            </header>
            <ul className="grid gap-2 overflow-y-auto p-4" aria-labelledby={titleId}>
              {models.map((m) => {
                const selected = m.id === value;
                return (
                  <li key={m.id}>
                    <button
                      type="button"
                      aria-pressed={selected}
                      onClick={() => {
                        onChange(m.id);
                        close();
                      }}
                      className={cn(
                        "grid w-full gap-0.5 rounded-lg border border-border p-3 text-left text-sm hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                        selected && "border-ring bg-muted",
                      )}
                    >
                      <span className="flex items-center justify-between gap-2 font-medium">
                        {m.displayName}
                        {selected ? <Check className="size-4" aria-label="chosen" /> : null}
                      </span>
                      {m.description ? <span className="text-muted-foreground">{m.description}</span> : null}
                      <span className="text-xs text-muted-foreground">{modelFacts(m)}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
            <footer className="flex justify-end border-t border-border p-3">
              <Button type="button" variant="outline" onClick={close}>
                Close
              </Button>
            </footer>
          </div>
        </dialog>
      ) : null}
    </div>
  );
}
