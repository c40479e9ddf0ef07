"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { assetFileUrl } from "@/lib/assets/asset-urls";
import { MAX_EDIT_INPUTS, MAX_PROMPT_CHARS, MAX_VARIANTS } from "@/lib/jobs/schemas";
import type { PickedImage } from "./picked-image";

export type ComposeDraft = { inputs: PickedImage[]; prompt: string; model: string; n: number };

// What another tab, an older version or a curious person left in localStorage is read through this, never trusted.
const storedDraft = z.object({
  inputs: z
    .array(z.object({ id: z.string().min(1).max(64), label: z.string().max(300), width: z.number().int().positive().optional(), height: z.number().int().positive().optional() }))
    .max(MAX_EDIT_INPUTS),
  prompt: z.string().max(MAX_PROMPT_CHARS),
  model: z.string().max(200),
  n: z.number().int().min(1).max(MAX_VARIANTS),
});

const storageKey = (workspaceSlug: string) => `darkroom:studio-draft:${workspaceSlug}`;

/**
 * The edit being composed (images, prompt, model, variations), kept in localStorage per workspace so a reload
 * or a closed tab doesn't lose it, until it is submitted. The server renders `initial`; a stored draft replaces
 * it after hydration unless the page was opened with its own inputs (an "edit again" link wins).
 */
export function useComposeDraft({ workspaceSlug, initial, restore, modelIds }: { workspaceSlug: string; initial: ComposeDraft; restore: boolean; modelIds: readonly string[] }) {
  const [draft, setDraft] = useState<ComposeDraft>(initial);
  const ready = useRef(false);
  const skipSave = useRef(false);
  const models = useRef(modelIds);

  useEffect(() => {
    if (restore) {
      try {
        const parsed = storedDraft.safeParse(JSON.parse(window.localStorage.getItem(storageKey(workspaceSlug)) ?? "null"));
        if (parsed.success) {
          const saved = parsed.data;
          // Restoring state kept outside React after hydration is this effect's whole job.
          setDraft((current) => ({
            inputs: saved.inputs.map((image) => ({ ...image, thumbUrl: assetFileUrl(image.id, { thumb: true }), fullUrl: assetFileUrl(image.id) })),
            prompt: saved.prompt,
            model: models.current.includes(saved.model) ? saved.model : current.model,
            n: saved.n,
          }));
        }
      } catch {
        // Storage blocked or unreadable JSON: start from the server's draft.
      }
    }
    ready.current = true;
  }, [restore, workspaceSlug]);

  useEffect(() => {
    if (!ready.current) return;
    if (skipSave.current) {
      skipSave.current = false;
      return;
    }
    const stored = { ...draft, inputs: draft.inputs.map(({ id, label, width, height }) => ({ id, label, width, height })) };
    try {
      window.localStorage.setItem(storageKey(workspaceSlug), JSON.stringify(stored));
    } catch {
      // Full or blocked storage: the draft just won't survive a reload.
    }
  }, [draft, workspaceSlug]);

  const update = useCallback((change: Partial<ComposeDraft> | ((current: ComposeDraft) => Partial<ComposeDraft>)) => {
    setDraft((current) => ({ ...current, ...(typeof change === "function" ? change(current) : change) }));
  }, []);

  /** After a submit: the stored draft goes; the prompt empties, the images and settings stay for the next edit. */
  const submitted = useCallback(() => {
    skipSave.current = true;
    try {
      window.localStorage.removeItem(storageKey(workspaceSlug));
    } catch {
      // Nothing to remove.
    }
    setDraft((current) => ({ ...current, prompt: "" }));
  }, [workspaceSlug]);

  return { draft, update, submitted };
}
