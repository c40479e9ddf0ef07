import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/lib/db/client";
import { GatewayError } from "../gateway-error";

// Requests per minute per API key, counted in PostgreSQL so every app instance shares one budget. Once a
// key is over its limit, the in-memory block answers further requests without a database round trip.
const limiters = new Map<number, RateLimiterPostgres>();

function limiterFor(rpm: number): RateLimiterPostgres {
  let limiter = limiters.get(rpm);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: getPool(),
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: `key-rpm-${rpm}`,
      points: rpm,
      duration: 60,
      inMemoryBlockOnConsumed: rpm,
      clearExpiredByTimeout: false,
    });
    limiters.set(rpm, limiter);
  }
  return limiter;
}

export type RateLimitHeaders = Record<string, string>;

function headersFor(rpm: number, res: RateLimiterRes): RateLimitHeaders {
  return {
    "x-ratelimit-limit-requests": String(rpm),
    "x-ratelimit-remaining-requests": String(Math.max(0, res.remainingPoints)),
    "x-ratelimit-reset-requests": `${Math.max(0, Math.ceil(res.msBeforeNext / 1000))}s`,
  };
}

/** Counts one request for the key; returns the headers to send, or throws 429 rate_limit_exceeded. */
export async function rateLimitKey(keyId: string, rpm: number): Promise<RateLimitHeaders> {
  try {
    return headersFor(rpm, await limiterFor(rpm).consume(keyId));
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const headers = headersFor(rpm, error);
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new GatewayError("rate_limit_exceeded", `Rate limit of ${rpm} requests per minute reached for this API key.`, {
      retryAfterSeconds,
      headers: { ...headers, "retry-after": String(retryAfterSeconds) },
    });
  }
}
