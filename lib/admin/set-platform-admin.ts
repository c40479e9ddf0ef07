import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { lockActiveAdmins } from "./lock-active-admins";

/** Promotes or demotes a platform admin, audited; the last active admin cannot be demoted. */
export async function setPlatformAdmin(input: { userId: string; admin: boolean; actorId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    if (!input.admin && admins.length === 1 && admins[0] === input.userId) {
      throw new AppError("conflict", "This is the last platform admin. Promote someone else first.");
    }
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { email: true, role: true } });
    if (!user) throw new AppError("not_found", "That user doesn't exist.");
    const role = input.admin ? "admin" : "user";
    if (user.role === role) return;
    await tx.user.update({ where: { id: input.userId }, data: { role } });
    await tx.auditLog.create({
      data: { actorId: input.actorId, action: input.admin ? "user.promoted" : "user.demoted", target: user.email, data: { from: user.role, to: role } },
    });
  });
}
