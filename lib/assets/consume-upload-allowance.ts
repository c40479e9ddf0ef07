import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

// Counted in PostgreSQL (table rate_limits, like the sign-in limits) so every app instance shares the count.
let limiter: RateLimiterPostgres | null = null;

/**
 * Counts one upload of a member of a workspace; throws `rate_limited` with the wait when they have made
 * UPLOADS_PER_MINUTE already. Checked before the file is read: a refused upload costs a row update, not a decode.
 */
export async function consumeUploadAllowance(member: { workspaceId: string; userId: string }): Promise<void> {
  limiter ??= new RateLimiterPostgres({
    storeClient: getPool(),
    tableName: "rate_limits",
    tableCreated: true,
    keyPrefix: "upload-member",
    points: env.UPLOADS_PER_MINUTE,
    duration: 60,
    clearExpiredByTimeout: false,
  });
  try {
    await limiter.consume(`${member.workspaceId}:${member.userId}`);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError(
        "rate_limited",
        `Too many uploads: at most ${env.UPLOADS_PER_MINUTE} a minute. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`,
        { retryAfterSeconds },
      );
    }
    throw error;
  }
}
