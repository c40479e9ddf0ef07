import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { request } from "undici";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { classifyUpstreamError, classifyUpstreamStatus, type UpstreamFailure } from "./classify-upstream-failure";
import type { UpstreamCall } from "./create-upstream-call";
import { discardBody, readBodyCapped, type UpstreamBody } from "./read-body-capped";
import type { RelayConfig } from "./resolve-relay-config";
import { getUpstreamAgent } from "./get-upstream-agent";

/** A 2xx upstream answer whose body has not been read yet. */
export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: UpstreamBody;
}

export type UpstreamFormat = "sse" | "json";

/** Enough of an error body to tell a rate limit from an empty provider account. */
const MAX_ERROR_BODY = 64 * 1024;

function contentTypeFits(headers: IncomingHttpHeaders, format: UpstreamFormat): boolean {
  const type = headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (!type) return true; // judged by the body instead
  return format === "sse" ? type === "text/event-stream" : type === "application/json" || type.endsWith("+json");
}

function backoffMs(baseMs: number, attempt: number): number {
  return Math.round(baseMs * 2 ** attempt * (0.5 + Math.random()));
}

type Attempt = { response: UpstreamResponse } | { failure: UpstreamFailure };

async function attemptOnce(call: UpstreamCall, config: RelayConfig, payload: Buffer, format: UpstreamFormat): Promise<Attempt> {
  let res;
  try {
    res = await request(`${config.baseUrl}/chat/completions`, {
      method: "POST",
      dispatcher: getUpstreamAgent(),
      signal: call.signal,
      headers: {
        authorization: `Bearer ${config.apiKey}`,
        "content-type": "application/json",
        accept: format === "sse" ? "text/event-stream" : "application/json",
      },
      body: payload,
      // Idle limits: silence while waiting for headers, and between body bytes (not counting the time the
      // relay itself waits for a slow caller: undici pauses the body timer while the body is paused).
      headersTimeout: config.idleTimeoutMs,
      bodyTimeout: config.idleTimeoutMs,
    });
  } catch (err) {
    if (call.cause) throw call.abortError();
    return { failure: classifyUpstreamError(err) };
  }
  const { statusCode: status, headers, body } = res;
  if (status >= 200 && status < 300) {
    if (contentTypeFits(headers, format)) return { response: { status, headers, body } };
    discardBody(body);
    const error = new GatewayError("upstream_error", `The upstream provider answered with an unexpected content type (HTTP ${status}).`);
    return { failure: { error, retryable: false } };
  }
  let text = "";
  try {
    text = (await readBodyCapped(body, MAX_ERROR_BODY))?.toString("utf8") ?? "";
  } catch {
    if (call.cause) throw call.abortError();
  }
  return { failure: classifyUpstreamStatus(status, headers, text) };
}

/**
 * POSTs the body to `${baseUrl}/chat/completions` until a 2xx arrives. Retries (at most `maxRetries`) only what
 * cannot be a paid generation: a request that never wholly reached a connection, 502/503 and rate-limit 429s
 * (never a reset, close or timeout after the request was written), after the upstream's Retry-After
 * or an exponential backoff with jitter. Rejects with a GatewayError (502/504), or an AbortError once the caller
 * has gone; never retries after an abort.
 */
export async function requestUpstream(
  call: UpstreamCall,
  config: RelayConfig,
  payload: Buffer,
  format: UpstreamFormat,
): Promise<UpstreamResponse> {
  for (let attempt = 0; ; attempt++) {
    if (call.cause) throw call.abortError();
    const result = await attemptOnce(call, config, payload, format);
    if ("response" in result) return result.response;
    const { error, retryable, retryAfterMs } = result.failure;
    if (!retryable || attempt >= config.maxRetries) throw error;
    // Waiting longer than asked would be pointless, sooner would be refused again: past the cap, give up now.
    if (retryAfterMs !== undefined && retryAfterMs > config.maxRetryAfterMs) throw error;
    try {
      await sleep(retryAfterMs ?? backoffMs(config.retryBaseMs, attempt), undefined, { signal: call.signal });
    } catch {
      throw call.abortError();
    }
  }
}
