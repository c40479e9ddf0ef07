import "server-only";
import { consumeAuthAttempt } from "@/lib/auth/rate-limiters";
import { db } from "@/lib/db/client";
import { sendVerificationMail } from "./send-verification-mail";

/**
 * Mails a fresh verification link to `email` if an unverified account has it, and does nothing otherwise; the
 * caller answers the same either way. Counted per address whether or not one exists (`accountMailPerAddress`,
 * shared with sign-up): throws `rate_limited` past it.
 */
export async function resendVerification(input: { email: string; origin: string; next?: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  await consumeAuthAttempt("accountMailPerAddress", email);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true, disabled: true } });
  if (!user || user.emailVerifiedAt || user.disabled) return;
  await sendVerificationMail({ userId: user.id, email, origin: input.origin, next: input.next });
}
