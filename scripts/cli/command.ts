import type { ParseArgsConfig } from "node:util";
import { wholeNumber, wholeNumberRule, type WholeNumberBounds } from "@/lib/validation/whole-number";

export type Flags = Record<string, string | boolean | undefined>;

/** A CLI command: its flags, what it does, and how its result reads for a person (without --json). */
export type Command<R = unknown> = {
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  required?: string[];
  run(flags: Flags): Promise<R>;
  human?(result: R): string;
  /** Exit code for a result that is an answer but not a success (ledger:check with drift). */
  exitCode?(result: R): number;
  /** run() returns text chunks that are written to stdout as they come, as they are (large exports). */
  streams?: boolean;
};

export class UsageError extends Error {
  override name = "UsageError";
}

export function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}

/** A whole-number flag, checked against what its column holds (lib/validation/whole-number.ts, shared with the forms). */
export function intFlag(flags: Flags, name: string, bounds: WholeNumberBounds): number | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  const parsed = wholeNumber(bounds, `--${name} must be ${wholeNumberRule(bounds)}`).safeParse(value);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
  return parsed.data;
}
