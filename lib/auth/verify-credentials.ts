import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { burnPasswordCheck, hashPassword, passwordNeedsRehash, verifyPassword } from "./password";
import { consumeAuthAttempt, resetAuthAttempts } from "./rate-limiters";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

export type VerifiedUser = { id: string; email: string; name: string | null };

/**
 * Checks email + password, counting the attempt against the caller's IP and the account. Wrong email,
 * wrong password and disabled account all return null and take the same time, so none can be told apart.
 * Throws AppError `rate_limited` when either budget is spent.
 */
export async function verifyCredentials(raw: unknown, ip: string): Promise<VerifiedUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  await consumeAuthAttempt("signInPerIp", ip);
  await consumeAuthAttempt("signInPerAccount", email);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabled: true },
  });
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok || user.disabled) return null;
  if (passwordNeedsRehash(user.passwordHash)) {
    // Only while the hash is still the one just verified: a password changed meanwhile must not be overwritten.
    const upgraded = await hashPassword(password);
    await db.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: upgraded } });
  }
  await resetAuthAttempts("signInPerAccount", email);
  return { id: user.id, email: user.email, name: user.name };
}
