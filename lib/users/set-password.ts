import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { hashPassword } from "@/lib/auth/password";
import { newPasswordField } from "@/lib/auth/schemas";
import { revokeOtherSessions } from "@/lib/sessions/revoke-other-sessions";

/**
 * The operator's password reset (CLI `user:set-password`, the way in when this instance sends no mail). Every
 * session of the person ends with it, as with a reset by mail: whoever held one may be why it was reset.
 */
export async function setPassword(input: { email: string; password: string; actorId?: string | null }): Promise<{ sessionsEnded: number }> {
  const password = newPasswordField.safeParse(input.password);
  if (!password.success) throw new AppError("invalid_input", `password: ${password.error.issues[0]?.message}`, { field: "password" });
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(password.data);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) throw new AppError("not_found", `No user with email ${email}`);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const sessionsEnded = await revokeOtherSessions(user.id, null, tx);
    await tx.auditLog.create({ data: { actorId: input.actorId ?? null, action: "user.password_set", target: email, data: { sessionsEnded } } });
    return { sessionsEnded };
  });
}
