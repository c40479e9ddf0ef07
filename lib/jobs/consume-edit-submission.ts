import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

// Counted in PostgreSQL (table rate_limits, like the sign-in limits) so every app instance shares the budget.
let limiter: RateLimiterPostgres | undefined;

/**
 * Counts one edit submission of a member (membership: per person and workspace); throws `rate_limited` with
 * the wait when they already submitted JOB_SUBMIT_LIMIT_PER_MEMBER this minute. Bounds how fast one person can
 * grow the queue, on top of the credits each edit holds.
 */
export async function consumeEditSubmission(membershipId: string): Promise<void> {
  limiter ??= new RateLimiterPostgres({
    storeClient: getPool(),
    tableName: "rate_limits",
    tableCreated: true,
    keyPrefix: "edit-submit",
    points: env.JOB_SUBMIT_LIMIT_PER_MEMBER,
    duration: 60,
    clearExpiredByTimeout: false,
  });
  try {
    await limiter.consume(membershipId);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError("rate_limited", `You have submitted ${env.JOB_SUBMIT_LIMIT_PER_MEMBER} edits in the last minute, the most allowed`, { retryAfterSeconds });
    }
    throw error;
  }
}
