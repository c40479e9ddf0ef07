import { z } from "zod";

/** darkroom-local edits at most 10 images at once; providers are no more generous. */
export const MAX_EDIT_INPUTS = 10;
export const MAX_PROMPT_CHARS = 4000;
export const MAX_VARIANTS = 4;

const workspace = z.string().trim().min(1).max(100);

export const submitEditSchema = z.object({
  workspace,
  inputs: z
    .array(z.string().trim().min(1).max(64))
    .min(1, "Add at least one image to edit.")
    .max(MAX_EDIT_INPUTS, `An edit takes at most ${MAX_EDIT_INPUTS} images.`),
  model: z.string().trim().min(1, "Choose a model.").max(200),
  // Trimmed here and in the composer's estimate alike, so the credits shown are the credits held.
  prompt: z
    .string()
    .trim()
    .min(1, "Describe the edit you want.")
    .max(MAX_PROMPT_CHARS, `Keep the description under ${MAX_PROMPT_CHARS} characters.`),
  n: z.coerce
    .number<string | undefined>()
    .int()
    .min(1)
    .max(MAX_VARIANTS, `At most ${MAX_VARIANTS} variations.`)
    .optional()
    .transform((v) => v ?? 1),
});

export const cancelEditSchema = z.object({
  workspace,
  jobId: z.string().trim().min(1).max(64),
});
