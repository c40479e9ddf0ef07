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

function refusal(rpm: number, res: RateLimiterRes): GatewayError {
  const headers = headersFor(rpm, res);
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new GatewayError("rate_limit_exceeded", `Rate limit of ${rpm} requests per minute reached for this API key.`, {
    retryAfterSeconds,
    headers: { ...headers, "retry-after": String(retryAfterSeconds) },
  });
}

/** Counts one request for the key; returns the headers to send, or throws 429 rate_limit_exceeded. */
export async function rateLimitKey(keyId: string, rpm: number): Promise<RateLimitHeaders> {
  try {
    return headersFor(rpm, await limiterFor(rpm).consume(keyId));
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    throw refusal(rpm, error);
  }
}

/** The count rateLimitKey makes, for a caller that sends it inside a statement of its own. */
export type RateLimitCount = {
  /** The limiter's own upsert (parameters $1–$4 = `values`), returning `points, expire`. */
  sql: string;
  values: [string, number, number, number];
  /** The request is within the limit when the returned `points` is at most this. */
  maxPoints: number;
  /** The limiter's answer for the row the upsert returned: the headers, or throws the 429 (blocking in memory). */
  judge(row: { points: number; expire: string | number | null }): Promise<RateLimitHeaders>;
};

type LimiterInternals = {
  getInMemoryBlockMsBeforeExpire(rlKey: string): number;
  _afterConsume(resolve: (res: RateLimiterRes) => void, reject: (err: unknown) => void, rlKey: string, points: number, result: unknown): void;
};

/**
 * Admission sends the count in its own statement (one round trip fewer per request). The statement is the one
 * RateLimiterPostgres.consume sends (rate-limiter-flexible 11.4, pinned), and its row is judged by the limiter's
 * own code (`_afterConsume`), so headers, 429s and the in-memory block are exactly consume's. A key already blocked
 * in memory is refused here, before any database work, as consume does.
 */
export function prepareRateLimitCount(keyId: string, rpm: number): RateLimitCount {
  const limiter = limiterFor(rpm);
  const internals = limiter as unknown as LimiterInternals;
  const rlKey = limiter.getKey(keyId);
  const blockedMs = internals.getInMemoryBlockMsBeforeExpire(rlKey);
  if (blockedMs > 0) throw refusal(rpm, new RateLimiterRes(0, blockedMs));
  const now = Date.now();
  return {
    sql: `INSERT INTO "rate_limits" VALUES ($1, $2, $3)
            ON CONFLICT(key) DO UPDATE SET
              points = CASE WHEN ("rate_limits".expire <= $4 OR 1=0) THEN $2 ELSE "rate_limits".points + ($2) END,
              expire = CASE WHEN "rate_limits".expire <= $4 THEN $3 ELSE "rate_limits".expire END
            RETURNING points, expire`,
    values: [rlKey, 1, now + 60 * 1000, now],
    maxPoints: rpm,
    async judge(row) {
      try {
        const res = await new Promise<RateLimiterRes>((resolve, reject) =>
          internals._afterConsume(resolve, reject, rlKey, 1, { rows: [row] }),
        );
        return headersFor(rpm, res);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        throw refusal(rpm, error);
      }
    },
  };
}
