import { GatewayError } from "@/lib/gateway/gateway-error";
import { parseRetryAfter } from "./parse-retry-after";
import { UPSTREAM_EXCHANGE, type ExchangeStage, type UpstreamExchange } from "./watch-upstream-exchanges";

/** Why an upstream attempt did not give us a usable response, and whether another attempt may help. */
export interface UpstreamFailure {
  error: GatewayError;
  retryable: boolean;
  /** What the upstream asked us to wait before retrying, when it said. */
  retryAfterMs?: number;
}

// Codes of a connection that could not be made. The contract retries only these (and 502/503/429): once the whole
// request was written to a connection the provider may be generating it, so a reset, close or timeout after that
// is never retried, whatever came back (watch-upstream-exchanges.ts tells the stages apart). A stale keep-alive
// socket is kept out by the agent's keep-alive timeout (get-upstream-agent.ts), not by retrying.
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

/** Messages say only what happened: "could not reach" only when no connection was made. */
const STAGE_FAILURES: Record<Exclude<ExchangeStage, "answered">, { message: string; retryable: boolean }> = {
  connect: { message: "Could not reach the upstream provider.", retryable: true },
  sending: { message: "The upstream connection failed while the request was being sent.", retryable: true },
  sent: { message: "The upstream provider closed the connection before any answer arrived.", retryable: false },
};

/** A thrown network error (not one of our own aborts, which the caller of this sorts out first). */
export function classifyUpstreamError(err: unknown): UpstreamFailure {
  const code = errorCode(err);
  if (code && TIMEOUT_CODES.has(code)) {
    return { error: new GatewayError("upstream_timeout", "The upstream provider did not answer in time.", { cause: err }), retryable: false };
  }
  const marked = (err as Record<symbol, UpstreamExchange | undefined> | null)?.[UPSTREAM_EXCHANGE]?.stage;
  // Unmarked: the request never reached a socket, so a network code means the connection was not made.
  const stage = marked ?? (code && CONNECT_CODES.has(code) ? "connect" : undefined);
  if (stage === "answered") return { error: brokeOff(err), retryable: false };
  if (stage) {
    const { message, retryable } = STAGE_FAILURES[stage];
    return { error: new GatewayError("upstream_error", message, { cause: err }), retryable };
  }
  return { error: new GatewayError("upstream_error", "The upstream request failed.", { cause: err }), retryable: false };
}
