import { z } from "zod";

export const EXPORT_FORMATS = ["csv", "json"] as const;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 3700; // about ten years: enough for any billing period, small enough for a date to stay valid

/** A UTC period [since, until) and how to say it; `label` names it on pages and in file names. */
export type BillingPeriod = { since: Date; until: Date; label: string; month: string | null };

function monthPeriod(month: string): BillingPeriod {
  const [, y, m] = MONTH.exec(month)!;
  const since = new Date(Date.UTC(Number(y), Number(m) - 1, 1));
  const until = new Date(Date.UTC(Number(y), Number(m), 1));
  return { since, until, label: month, month };
}

export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

const optionalText = z
  .unknown()
  .transform((v) => (typeof v === "string" && v.trim() ? v.trim() : undefined))
  .optional();

/**
 * A billing period from a form or a link: `month` (YYYY-MM, UTC), or `from` and `to` (YYYY-MM-DD, UTC days, both
 * included); nothing at all is the current month. Anything else is a field error, never a guess.
 */
export const billingPeriodSchema = z
  .object({ month: optionalText, from: optionalText, to: optionalText })
  .transform((input, ctx): BillingPeriod => {
    if (input.from !== undefined || input.to !== undefined) {
      const dates = [input.from, input.to].map((d) => (d && DAY.test(d) ? new Date(`${d}T00:00:00Z`) : null));
      const [since, last] = dates;
      if (!since || Number.isNaN(since.getTime())) ctx.addIssue({ code: "custom", path: ["from"], message: "Enter the first day as YYYY-MM-DD" });
      if (!last || Number.isNaN(last.getTime())) ctx.addIssue({ code: "custom", path: ["to"], message: "Enter the last day as YYYY-MM-DD" });
      if (!since || !last || Number.isNaN(since.getTime()) || Number.isNaN(last.getTime())) return z.NEVER;
      const until = new Date(last.getTime() + 86_400_000);
      if (until <= since) {
        ctx.addIssue({ code: "custom", path: ["to"], message: "The last day must not be before the first" });
        return z.NEVER;
      }
      if (until.getTime() - since.getTime() > MAX_DAYS * 86_400_000) {
        ctx.addIssue({ code: "custom", path: ["to"], message: "A period is at most ten years" });
        return z.NEVER;
      }
      return { since, until, label: `${input.from}_${input.to}`, month: null };
    }
    const month = input.month ?? currentMonth();
    if (!MONTH.test(month)) {
      ctx.addIssue({ code: "custom", path: ["month"], message: "Enter the month as YYYY-MM" });
      return z.NEVER;
    }
    return monthPeriod(month);
  });

const slugText = z
  .string()
  .trim()
  .toLowerCase()
  .max(64, "A workspace slug is at most 64 characters")
  .regex(/^[a-z0-9-]+$/, "Enter a workspace slug (letters, digits, dashes)");
const blankIsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The admin console's export download: a period, an optional workspace, and the format. */
export const billingExportSchema = z
  .object({ workspace: z.preprocess(blankIsMissing, slugText.optional()), format: z.enum(EXPORT_FORMATS, { message: "Choose CSV or JSON" }) })
  .and(billingPeriodSchema.transform((period) => ({ period })));

/** The admin console's statement: one workspace and a period. */
export const statementSchema = z
  .object({ workspace: z.preprocess(blankIsMissing, z.string({ message: "Name the workspace" }).pipe(slugText)) })
  .and(billingPeriodSchema.transform((period) => ({ period })));
