import { z } from "zod";
import { BOUNDS, wholeNumber } from "@/lib/validation/whole-number";
import { API_KEY_NAME_MAX } from "./key-limits";

const workspace = z.string().trim().min(1).max(100);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The create-key form. An expiry date means: the key works through that day (UTC) and stops at its end. */
export const createApiKeySchema = z.object({
  workspace,
  name: z.string().trim().min(1, "Give the key a name.").max(API_KEY_NAME_MAX, `At most ${API_KEY_NAME_MAX} characters.`),
  models: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  expiresAt: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick a date.")
      .transform((day) => new Date(`${day}T00:00:00.000Z`))
      .refine((start) => !Number.isNaN(start.getTime()), "Pick a valid date.")
      .transform((start) => new Date(start.getTime() + 86_400_000))
      .refine((end) => end.getTime() > Date.now(), "Pick today or a later date.")
      .optional(),
  ),
  rpm: z.preprocess(blankToUndefined, wholeNumber(BOUNDS.keyRpm).optional()),
});

export const revokeApiKeySchema = z.object({ workspace, id: z.uuid("Unknown key.") });
