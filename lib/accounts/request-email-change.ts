import "server-only";
import { issueAccountToken } from "@/lib/accounts/tokens/issue-account-token";
import { consumeAuthAttempt } from "@/lib/auth/rate-limiters";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { sendMail } from "@/lib/mail/send-mail";
import { mailMode } from "@/lib/mail/mail-mode";

export const CHANGE_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;

export type RequestEmailChangeInput = { newEmail: string; password?: string; origin: string };

/**
 * Starts a change of the caller's sign-in address: a link to the new address confirms it (confirmEmailChange).
 * An account with a password must give it, so an unattended session can't move the account to another inbox.
 * An address another account already has gets the same answer and no mail, so this can't probe addresses.
 */
export async function requestEmailChange(caller: { userId: string }, input: RequestEmailChangeInput): Promise<void> {
  if (mailMode() === "off") throw new AppError("unavailable", "This Darkroom sends no mail, so an address can't be confirmed. Ask an administrator.");
  const newEmail = input.newEmail.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { id: caller.userId }, select: { id: true, email: true, passwordHash: true } });
  if (!user) throw new AppError("unauthenticated", "Sign in again");
  if (newEmail === user.email) throw new AppError("invalid_input", "That is already your address", { field: "email" });
  if (user.passwordHash) {
    await consumeAuthAttempt("signInPerAccount", user.email);
    if (!input.password || !(await verifyPassword(user.passwordHash, input.password))) {
      throw new AppError("invalid_input", "That is not your current password", { field: "password" });
    }
  }
  await consumeAuthAttempt("accountMailPerAddress", newEmail);
  const taken = await db.user.findUnique({ where: { email: newEmail }, select: { id: true } });
  if (taken) return;
  const { token, expiresAt } = await issueAccountToken({ userId: user.id, purpose: "change_email", email: newEmail, ttlMs: CHANGE_EMAIL_TTL_MS });
  const url = new URL("/account/confirm-email", input.origin);
  url.searchParams.set("token", token);
  const text = [
    `Someone signed in to the Darkroom account ${user.email} asked to use ${newEmail} to sign in from now on.`,
    "",
    "If that was you, confirm the new address:",
    url.toString(),
    "",
    `The link works once, until ${expiresAt.toUTCString()}. Until then nothing changes.`,
    "If you didn't ask for this, ignore this message.",
  ].join("\n");
  await sendMail({ to: newEmail, subject: "Confirm your new email address for Darkroom", text });
}
