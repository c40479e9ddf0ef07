import type { ParseArgsConfig } from "node:util";

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

export function intFlag(flags: Flags, name: string): number | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number`);
  return Number(value);
}
