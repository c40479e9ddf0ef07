// Every error the gateway answers with, in OpenAI's shape. Thrown anywhere in lib/gateway and turned into
// a response in exactly one place (toErrorResponse), so the status/type/code table of the spec lives here.

export type GatewayErrorCode =
  | "invalid_request"
  | "invalid_api_key"
  | "model_not_allowed"
  | "workspace_suspended"
  | "model_not_found"
  | "unknown_url"
  | "idempotency_conflict"
  | "request_too_large"
  | "unsupported_media_type"
  | "idempotency_key_reused"
  | "insufficient_quota"
  | "rate_limit_exceeded"
  | "upstream_error"
  | "service_unavailable"
  | "upstream_timeout";

const TABLE: Record<GatewayErrorCode, { status: number; type: string; code: string | null }> = {
  invalid_request: { status: 400, type: "invalid_request_error", code: null },
  invalid_api_key: { status: 401, type: "invalid_request_error", code: "invalid_api_key" },
  model_not_allowed: { status: 403, type: "permission_error", code: "model_not_allowed" },
  workspace_suspended: { status: 403, type: "permission_error", code: "workspace_suspended" },
  model_not_found: { status: 404, type: "invalid_request_error", code: "model_not_found" },
  unknown_url: { status: 404, type: "invalid_request_error", code: "unknown_url" },
  idempotency_conflict: { status: 409, type: "invalid_request_error", code: "idempotency_conflict" },
  request_too_large: { status: 413, type: "invalid_request_error", code: "request_too_large" },
  unsupported_media_type: { status: 415, type: "invalid_request_error", code: "unsupported_media_type" },
  idempotency_key_reused: { status: 422, type: "invalid_request_error", code: "idempotency_key_reused" },
  insufficient_quota: { status: 429, type: "insufficient_quota", code: "insufficient_quota" },
  rate_limit_exceeded: { status: 429, type: "rate_limit_error", code: "rate_limit_exceeded" },
  upstream_error: { status: 502, type: "upstream_error", code: "upstream_error" },
  service_unavailable: { status: 503, type: "service_unavailable", code: "service_unavailable" },
  upstream_timeout: { status: 504, type: "upstream_timeout", code: "upstream_timeout" },
};

export class GatewayError extends Error {
  override name = "GatewayError";
  readonly status: number;
  readonly type: string;
  readonly code: string | null;

  constructor(
    readonly kind: GatewayErrorCode,
    message: string,
    readonly options: {
      param?: string | null;
      /** A more specific code for 400s (e.g. "invalid_image_url"); others use the table's. */
      code?: string;
      retryAfterSeconds?: number;
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    const row = TABLE[kind];
    this.status = row.status;
    this.type = row.type;
    this.code = options.code ?? row.code;
  }

  /** The OpenAI error body: { error: { message, type, param, code } }. */
  toJSON() {
    return { error: { message: this.message, type: this.type, param: this.options.param ?? null, code: this.code } };
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}
