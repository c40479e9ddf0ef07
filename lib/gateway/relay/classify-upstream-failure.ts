import { GatewayError } from "@/lib/gateway/gateway-error";
import { parseRetryAfter } from "./parse-retry-after";
import { UPSTREAM_EXCHANGE, type UpstreamExchange } from "./watch-upstream-exchanges";

/** Why an upstream attempt did not give us a usable response, and whether another attempt may help. */
export interface UpstreamFailure {
  error: GatewayError;
  retryable: boolean;
  /** What the upstream asked us to wait before retrying, when it said. */
  retryAfterMs?: number;
}

// Failures before any response byte arrived (or the provider asks to come back): the contract retries these. A
// reset on a reused keep-alive socket before any response is the classic pool race and counts as a connect
// failure. Once the provider has started answering it is working on the request: never retried (see
// watch-upstream-exchanges.ts for how "started answering" is known even when undici could not parse it).
const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
const RETRYABLE_STATUSES = new Set([429, 502, 503]);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown }; errors?: { code?: unknown }[] } | null;
  const code = e?.code ?? e?.cause?.code ?? e?.errors?.[0]?.code;
  return typeof code === "string" ? code : undefined;
}

/** The provider's `error.type` / `error.code`, read from at most a small error body; never shown to callers. */
function providerErrorKind(bodyText: string): { type?: string; code?: string } {
  try {
    const parsed = JSON.parse(bodyText) as { error?: { type?: unknown; code?: unknown } };
    const { type, code } = parsed?.error ?? {};
    return { type: typeof type === "string" ? type : undefined, code: typeof code === "string" ? code : undefined };
  } catch {
    return {};
  }
}

/** A non-2xx answer. The provider's body is inspected, not relayed: callers see only a short, safe message. */
export function classifyUpstreamStatus(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
): UpstreamFailure {
  if (status === 429) {
    const { type, code } = providerErrorKind(bodyText);
    if (type === "insufficient_quota" || code === "insufficient_quota") {
      // The provider's account is empty: our problem, not the caller's quota, and retrying cannot help.
      const error = new GatewayError("upstream_error", "The upstream provider refused the request (its account has no quota left).");
      return { error, retryable: false };
    }
  }
  const error = new GatewayError("upstream_error", `The upstream provider failed to answer (HTTP ${status}).`);
  if (!RETRYABLE_STATUSES.has(status)) return { error, retryable: false };
  return { error, retryable: true, retryAfterMs: parseRetryAfter(headers) };
}

/** The provider had started its answer when the connection broke (status line, headers or body under way). */
export function brokeOff(cause: unknown): GatewayError {
  return new GatewayError("upstream_error", "The upstream connection broke off before the response was complete.", { cause });
}

/** A thrown network error (not one of our own aborts, which the caller of this sorts out first). */
export function classifyUpstreamError(err: unknown): UpstreamFailure {
  const code = errorCode(err);
  if (code && TIMEOUT_CODES.has(code)) {
    return { error: new GatewayError("upstream_timeout", "The upstream provider did not answer in time.", { cause: err }), retryable: false };
  }
  const exchange = (err as Record<symbol, UpstreamExchange | undefined> | null)?.[UPSTREAM_EXCHANGE];
  if (exchange?.answered) return { error: brokeOff(err), retryable: false };
  if (code && CONNECT_CODES.has(code)) {
    // Said only when true: a connection that took the request and closed unanswered was reached.
    const message = exchange ? "The upstream provider closed the connection without answering." : "Could not reach the upstream provider.";
    return { error: new GatewayError("upstream_error", message, { cause: err }), retryable: true };
  }
  return { error: new GatewayError("upstream_error", "The upstream request failed.", { cause: err }), retryable: false };
}
