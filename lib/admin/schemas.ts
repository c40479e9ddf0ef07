import { z } from "zod";

// Ledger amounts and balances are PostgreSQL `integer` columns.
export const INT4_MAX = 2_147_483_647;

const uuid = (what: string) => z.string().trim().uuid(`That ${what} id is not valid`);

/** A whole number of credits that fits the ledger's integer column. */
export const creditAmount = z
  .string()
  .trim()
  .regex(/^\d+$/, "Enter a whole number of credits (digits only)")
  .transform(Number)
  .refine((n) => n >= 1, "The amount must be at least 1 credit")
  .refine((n) => n <= INT4_MAX, `The amount can be at most ${INT4_MAX.toLocaleString("en-US")} credits`);

/** Why an admin touched the books: required, so the ledger explains itself. */
export const adminNote = z.string().trim().min(3, "Say why in a short note (3 characters at least)").max(500, "Keep the note under 500 characters");

export const adjustCreditsSchema = z.object({
  unverifiedWorkspaceId: uuid("workspace"),
  direction: z.enum(["grant", "deduct"], { message: "Choose grant or deduct" }),
  amount: creditAmount,
  note: adminNote,
  // Generated when the form was rendered: submitting the same form twice applies once.
  opId: uuid("operation"),
});

export const releaseHoldSchema = z.object({ unverifiedHoldId: uuid("hold"), note: adminNote });

export const refundUsageSchema = z.object({ unverifiedUsageRecordId: uuid("usage record"), note: adminNote });

export const setUserDisabledSchema = z.object({ unverifiedUserId: uuid("user"), disabled: z.enum(["true", "false"]).transform((v) => v === "true") });

export const setPlatformAdminSchema = z.object({ unverifiedUserId: uuid("user"), admin: z.enum(["true", "false"]).transform((v) => v === "true") });

export const setWorkspaceSuspendedSchema = z
  .object({
    unverifiedWorkspaceId: uuid("workspace"),
    suspended: z.enum(["true", "false"]).transform((v) => v === "true"),
    reason: z.string().trim().max(500, "Keep the reason under 500 characters").optional().default(""),
  })
  .refine((v) => !v.suspended || v.reason.length >= 3, { message: "Say why, for the workspace's members (3 characters at least)", path: ["reason"] });

/** A whole number that fits an `integer` column, 0 or more (prices, token ceilings). Empty = unchanged when optional. */
const columnInt = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${label}: enter a whole number, 0 or more`)
    .transform(Number)
    .refine((n) => n <= INT4_MAX, `${label}: at most ${INT4_MAX.toLocaleString("en-US")}`);

const modelFields = {
  enabled: z.enum(["on", "off"]).optional().transform((v) => v === "on"),
  perRequest: columnInt("Per request"),
  perImage: columnInt("Per image"),
  per1kPrompt: columnInt("Per 1k prompt tokens"),
  per1kCompletion: columnInt("Per 1k completion tokens"),
  tokenCeiling: columnInt("Token ceiling"),
  upstreamName: z.string().trim().max(200, "At most 200 characters").optional().default(""),
};

export const updateModelSchema = z.object({ unverifiedModelId: z.string().trim().min(1).max(100), ...modelFields });

export const addModelSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, "Lowercase letters, digits, dots, dashes and underscores; 100 at most"),
  displayName: z.string().trim().min(1, "Give it a name people will see").max(100, "At most 100 characters"),
  provider: z.enum(["upstream", "local"], { message: "Choose upstream or local" }),
  ...modelFields,
});
