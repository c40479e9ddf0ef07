import { stringFlag, UsageError, type Flags } from "./command";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO 8601 date or date-time flag (a bare date is midnight UTC). */
export function dateFlag(flags: Flags, name: string): Date | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!ISO_DATE.test(value) || Number.isNaN(date.getTime())) throw new UsageError(`--${name} must be an ISO 8601 date or date-time`);
  return date;
}

/** A comma-separated list flag (`--models a,b`); empty items are dropped. */
export function listFlag(flags: Flags, name: string): string[] | undefined {
  const value = stringFlag(flags, name);
  return value === undefined ? undefined : value.split(",").map((s) => s.trim()).filter(Boolean);
}

/** `--name true|false`. */
export function booleanFlag(flags: Flags, name: string): boolean | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") throw new UsageError(`--${name} must be true or false`);
  return value === "true";
}
