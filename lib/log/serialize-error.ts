// pino's own error serializer copies every enumerable property of an error, so an error that carries its `pg`
// client (pg-boss's "job queue error" did) became kilobytes of connection parameters in one log line. Errors are
// logged as their type, message, code and a few named context fields (strings and numbers only), their cause the
// same way, and the first frame of their stack: enough to find the problem, short enough to read, nothing secret.

const CONTEXT_FIELDS = ["errno", "syscall", "address", "port", "severity", "routine", "table", "column", "constraint", "status", "kind", "param"] as const;
const MAX_TEXT = 500;
const MAX_DEPTH = 2;

export type SerializedError = {
  type: string;
  message: string;
  code?: string | number;
  at?: string;
  cause?: SerializedError | string;
} & Partial<Record<(typeof CONTEXT_FIELDS)[number], string | number>>;

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

function serialize(value: unknown, depth: number): SerializedError | string {
  if (!(value instanceof Error)) return clip(typeof value === "string" ? value : String(value));
  const err = value as Error & Record<string, unknown>;
  const out: SerializedError = { type: err.name || err.constructor?.name || "Error", message: clip(err.message) };
  if (typeof err.code === "string" || typeof err.code === "number") out.code = err.code;
  for (const field of CONTEXT_FIELDS) {
    const v = err[field];
    if (typeof v === "string" || typeof v === "number") out[field] = typeof v === "string" ? clip(v) : v;
  }
  const frame = err.stack?.split("\n").find((line) => line.trimStart().startsWith("at "));
  if (frame) out.at = clip(frame.trim());
  if (err.cause !== undefined && depth < MAX_DEPTH) out.cause = serialize(err.cause, depth + 1);
  return out;
}

/** pino's `err` serializer (lib/log/logger.ts): see above. Non-errors are logged as a short string. */
export function serializeError(value: unknown): SerializedError | string {
  return serialize(value, 0);
}
