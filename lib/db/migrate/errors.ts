export type MigrationErrorCode =
  | "drift" // the database no longer matches the migration history
  | "name-required" // the schema changed and no migration name was given
  | "data-loss" // the new migration would drop data and that was not accepted
  | "unexecutable" // the new migration cannot run on the current data
  | "engine"; // anything the schema engine reported

export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The engine's message without the Rust span trace it appends ("   0: schema_engine::..."). */
export function engineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\n\s+0: /)[0]!.trim();
}
