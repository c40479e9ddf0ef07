import "server-only";
import { consumeAccountToken } from "@/lib/accounts/tokens/consume-account-token";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { sendMail } from "@/lib/mail/send-mail";
import { markEmailVerified } from "./mark-email-verified";

/**
 * Uses a change_email link: the account's address becomes the one the link was mailed to, verified (it just
 * proved it receives mail there; an account still on trial gets the rest of its welcome credits now), every other
 * unused link of the account (sent to either address) is retired, and the old address is told. The token
 * is spent only if the change commits.
 */
export async function confirmEmailChange(token: string): Promise<{ oldEmail: string; newEmail: string }> {
  const changed = await db
    .$transaction(async (tx) => {
      const used = await consumeAccountToken({ token, purpose: "change_email" }, tx);
      const before = await tx.user.findUnique({ where: { id: used.userId }, select: { email: true, disabled: true } });
      if (!before || before.disabled) throw new AppError("not_found", "This link is not valid.");
      await tx.user.update({ where: { id: used.userId }, data: { email: used.email, emailVerifiedAt: null } });
      await markEmailVerified({ userId: used.userId, email: used.email }, tx);
      await tx.$executeRaw`
        UPDATE account_tokens SET expires_at = LEAST(expires_at, now())
        WHERE user_id = ${used.userId}::uuid AND used_at IS NULL`;
      await tx.auditLog.create({
        data: { actorId: used.userId, action: "user.email_changed", target: used.userId, data: { from: before.email, to: used.email } },
      });
      return { oldEmail: before.email, newEmail: used.email };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, "email")) {
        throw new AppError("conflict", "Another account has started using that address since the link was sent. Nothing was changed.");
      }
      throw error;
    });
  await sendMail({
    to: changed.oldEmail,
    subject: "Your Darkroom sign-in address was changed",
    text: [
      `The Darkroom account that used ${changed.oldEmail} now signs in with ${changed.newEmail}.`,
      "",
      "If you did this, there is nothing more to do.",
      "If you didn't, someone has access to your account: contact this Darkroom's administrator.",
    ].join("\n"),
  });
  return changed;
}
