import "server-only";
import { GatewayError } from "../gateway-error";
import { countKeyRequest, type Counted } from "./count-key-requests";

// Requests per minute per API key, counted in PostgreSQL so every app instance shares one budget. Once a key
// has used its whole budget, this process answers its further requests from memory until the window ends, so
// a flood over the limit costs no database round trips.
const blockedUntil = new Map<string, number>();
const MAX_BLOCKED = 10_000;

export type RateLimitHeaders = Record<string, string>;

function headersFor(rpm: number, remaining: number, msBeforeNext: number): RateLimitHeaders {
  return {
    "x-ratelimit-limit-requests": String(rpm),
    "x-ratelimit-remaining-requests": String(Math.max(0, remaining)),
    "x-ratelimit-reset-requests": `${Math.max(0, Math.ceil(msBeforeNext / 1000))}s`,
  };
}

function limitReached(rpm: number, msBeforeNext: number): GatewayError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new GatewayError("rate_limit_exceeded", `Rate limit of ${rpm} requests per minute reached for this API key.`, {
    retryAfterSeconds,
    headers: { ...headersFor(rpm, 0, msBeforeNext), "retry-after": String(retryAfterSeconds) },
  });
}

function block(counter: string, counted: Counted, now: number): void {
  if (blockedUntil.size >= MAX_BLOCKED) {
    for (const [key, until] of blockedUntil) if (until <= now) blockedUntil.delete(key);
    if (blockedUntil.size >= MAX_BLOCKED) blockedUntil.delete(blockedUntil.keys().next().value as string);
  }
  blockedUntil.set(counter, now + counted.msBeforeNext);
}

/** Counts one request for the key; returns the headers to send, or throws 429 rate_limit_exceeded. */
export async function rateLimitKey(keyId: string, rpm: number): Promise<RateLimitHeaders> {
  // The limit is part of the counter's name: a key whose limit changes starts a new window.
  const counter = `key-rpm-${rpm}:${keyId}`;
  const until = blockedUntil.get(counter);
  if (until !== undefined) {
    const left = until - Date.now();
    if (left > 0) throw limitReached(rpm, left);
    blockedUntil.delete(counter);
  }
  const counted = await countKeyRequest(counter);
  if (counted.consumed >= rpm) block(counter, counted, Date.now());
  if (counted.consumed > rpm) throw limitReached(rpm, counted.msBeforeNext);
  return headersFor(rpm, rpm - counted.consumed, counted.msBeforeNext);
}
