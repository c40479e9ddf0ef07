import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { consumeAuthAttempt } from "@/lib/auth/rate-limiters";
import { revokeOtherSessions } from "@/lib/sessions/revoke-other-sessions";

/**
 * Changes the caller's password after checking the current one (a person who has none yet, having signed up
 * with a provider, sets a first one), then ends every other session: whoever else knew the old password or held
 * a session is out, and this browser stays signed in. Returns how many sessions ended.
 */
export async function changePassword(
  caller: { userId: string; sessionId: string | null },
  input: { currentPassword: string; newPassword: string },
): Promise<number> {
  await consumeAuthAttempt("passwordChangePerUser", caller.userId);
  const user = await db.user.findUnique({ where: { id: caller.userId }, select: { passwordHash: true } });
  if (!user) throw new AppError("unauthenticated", "Sign in again to continue.");
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("invalid_input", "That isn't your current password.", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    // Only over the hash just checked: a change that landed meanwhile (another tab, a reset) is not overwritten.
    const updated = await tx.user.updateMany({ where: { id: caller.userId, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (updated.count === 0) throw new AppError("conflict", "Your password changed meanwhile. Reload the page and try again.");
    const ended = await revokeOtherSessions(caller.userId, caller.sessionId, tx);
    await tx.auditLog.create({ data: { actorId: caller.userId, action: "user.password_changed", data: { sessionsEnded: ended } } });
    return ended;
  });
}
