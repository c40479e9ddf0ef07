import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

// Counters live in PostgreSQL (table rate_limits, created by migration) so every app instance shares them.
type Limiter = { points: number; durationSeconds: number; prefix: string };

const LIMITS = {
  signInPerIp: { points: env.SIGNIN_LIMIT_PER_IP, durationSeconds: 15 * 60, prefix: "signin-ip" },
  signInPerAccount: { points: 10, durationSeconds: 15 * 60, prefix: "signin-account" },
  signUpPerIp: { points: env.SIGNUP_LIMIT_PER_IP, durationSeconds: 60 * 60, prefix: "signup-ip" },
  // Guessing the current password from a stolen session, and mail bombing through "Forgot password?".
  passwordChangePerUser: { points: 10, durationSeconds: 15 * 60, prefix: "password-change-user" },
  passwordResetPerIp: { points: 10, durationSeconds: 60 * 60, prefix: "password-reset-ip" },
  passwordResetPerEmail: { points: 3, durationSeconds: 60 * 60, prefix: "password-reset-email" },
  // Mail about an account that someone without a session can trigger (sign-up's verification link or the owner's
  // notice, a resent link), per address: nobody can flood an inbox through us. Sign-up counts against it for new
  // and registered addresses alike, so the limit itself tells nothing about whether an address is registered.
  accountMailPerAddress: { points: 5, durationSeconds: 60 * 60, prefix: "account-mail" },
} satisfies Record<string, Limiter>;

export type AuthLimit = keyof typeof LIMITS;

const limiters = new Map<AuthLimit, RateLimiterPostgres>();

function limiter(name: AuthLimit): RateLimiterPostgres {
  let instance = limiters.get(name);
  if (!instance) {
    const { points, durationSeconds, prefix } = LIMITS[name];
    instance = new RateLimiterPostgres({
      storeClient: getPool(),
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: prefix,
      points,
      duration: durationSeconds,
      clearExpiredByTimeout: false,
    });
    limiters.set(name, instance);
  }
  return instance;
}

/** Counts one attempt; throws `rate_limited` (with the wait in seconds) when the budget is spent. */
export async function consumeAuthAttempt(name: AuthLimit, key: string): Promise<void> {
  try {
    await limiter(name).consume(key.toLowerCase());
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError("rate_limited", "Too many attempts", { retryAfterSeconds });
    }
    throw error;
  }
}

/** A successful sign-in clears the account's counter, so a person's own typos don't lock them out later. */
export async function resetAuthAttempts(name: AuthLimit, key: string): Promise<void> {
  await limiter(name).delete(key.toLowerCase());
}
