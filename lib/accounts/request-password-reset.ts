import "server-only";
import { issueAccountToken } from "@/lib/accounts/tokens/issue-account-token";
import { consumeAuthAttempt } from "@/lib/auth/rate-limiters";
import { db } from "@/lib/db/client";
import { sendMail } from "@/lib/mail/send-mail";

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/** How the mailing part runs: awaited (tests, the CLI), or after the answer went out (the page's action). */
export type Defer = (work: () => Promise<void>) => void | Promise<void>;

const inline: Defer = (work) => work();

/**
 * "Forgot password?": counts the attempt against the address and the caller's address (both, whether or not an
 * account exists, so the limit itself tells nothing), then mails a single-use link valid for an hour to the
 * account with that email, if there is one. The caller answers the same either way; the page defers the mailing
 * so the time to answer doesn't tell either.
 */
export async function requestPasswordReset(input: { email: string; ip: string; origin: string }, defer: Defer = inline): Promise<void> {
  const email = input.email.trim().toLowerCase();
  await consumeAuthAttempt("passwordResetPerIp", input.ip);
  await consumeAuthAttempt("passwordResetPerEmail", email);
  await defer(() => mailResetLink(email, input.origin));
}

async function mailResetLink(email: string, origin: string): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, disabled: true, deletedAt: true } });
  if (!user || user.disabled || user.deletedAt) return;
  const { token } = await issueAccountToken({ userId: user.id, purpose: "reset_password", email, ttlMs: PASSWORD_RESET_TTL_MS });
  const link = `${origin}/reset-password?token=${encodeURIComponent(token)}`;
  const text = [
    "Someone (hopefully you) asked to reset the password of your Darkroom account.",
    "",
    `Choose a new password here (the link works once, for one hour):`,
    link,
    "",
    "Setting a new password signs you out everywhere. If you didn't ask for this, ignore this message: your password stays as it is.",
  ].join("\n");
  await sendMail({ to: email, subject: "Reset your Darkroom password", text });
}
