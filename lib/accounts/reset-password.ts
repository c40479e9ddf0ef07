import "server-only";
import { consumeAccountToken } from "@/lib/accounts/tokens/consume-account-token";
import { hashPassword } from "@/lib/auth/password";
import { resetAuthAttempts } from "@/lib/auth/rate-limiters";
import { db } from "@/lib/db/client";
import { revokeOtherSessions } from "@/lib/sessions/revoke-other-sessions";

/**
 * Sets a new password from a mailed reset link: the token is used, the password replaced and every session of
 * the person ended in one transaction (a failure leaves the link usable). Returns the account's email.
 */
export async function resetPassword(input: { token: string; password: string }): Promise<{ email: string }> {
  // Hashed before the transaction: Argon2 takes a while, and no row lock should wait for it.
  const passwordHash = await hashPassword(input.password);
  const email = await db.$transaction(async (tx) => {
    const used = await consumeAccountToken({ token: input.token, purpose: "reset_password" }, tx);
    const user = await tx.user.update({ where: { id: used.userId }, data: { passwordHash }, select: { email: true } });
    const ended = await revokeOtherSessions(used.userId, null, tx);
    await tx.auditLog.create({ data: { actorId: used.userId, action: "user.password_reset", data: { sessionsEnded: ended } } });
    return user.email;
  });
  // Whoever was locked out by wrong guesses can sign in with the new password right away.
  await resetAuthAttempts("signInPerAccount", email);
  return { email };
}
