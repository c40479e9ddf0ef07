// One error type for everything the product expects to go wrong. `expose` says whether the message is
// written for the person (shown as is) or internal (logged, replaced by a generic message).

export type AppErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "insufficient_credits"
  | "unavailable"
  | "internal";

const STATUS: Record<AppErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  insufficient_credits: 402,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  override name = "AppError";
  readonly status: number;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly options: { expose?: boolean; field?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = STATUS[code];
  }

  get expose(): boolean {
    return this.options.expose ?? this.code !== "internal";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
