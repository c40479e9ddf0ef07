import "server-only";
import { issueAccountToken } from "@/lib/accounts/tokens/issue-account-token";
import { sendMail, type MailOutcome } from "@/lib/mail/send-mail";

export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;

/** The link that verifies an address and signs its owner in; `next` is where they go afterwards. */
export function verifyEmailUrl(origin: string, token: string, next?: string): string {
  const url = new URL("/verify-email", origin);
  url.searchParams.set("token", token);
  if (next && next !== "/") url.searchParams.set("next", next);
  return url.toString();
}

/**
 * Mails a fresh verification link to the user's address (the previous one stops working). `intro` is the
 * first paragraph, which differs between a sign-up and a repeat attempt on an unverified account.
 */
export async function sendVerificationMail(input: {
  userId: string;
  email: string;
  origin: string;
  next?: string;
  intro?: string;
}): Promise<MailOutcome> {
  const { token, expiresAt } = await issueAccountToken({ userId: input.userId, purpose: "verify_email", email: input.email, ttlMs: VERIFY_EMAIL_TTL_MS });
  const text = [
    input.intro ?? `Someone, hopefully you, created a Darkroom account with ${input.email}.`,
    "",
    "Confirm that this address is yours (this also signs you in):",
    verifyEmailUrl(input.origin, token, input.next),
    "",
    `The link works once, until ${expiresAt.toUTCString()}.`,
    "If you didn't create this account, ignore this message: without this link the account stays unconfirmed.",
  ].join("\n");
  return sendMail({ to: input.email, subject: "Confirm your email address for Darkroom", text });
}
