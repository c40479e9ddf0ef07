import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { lockManageableWorkspace } from "./lock-manageable-workspace";

/**
 * Hands the team to another member: they become owner and the caller admin, in one transaction under the
 * workspace's lock, so there is exactly one owner before and after.
 */
export async function transferOwnership(caller: { userId: string; workspaceId: string }, unverifiedMembershipId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { callerMembershipId, target } = await lockManageableWorkspace(tx, caller, "ownership.transfer", unverifiedMembershipId);
    if (target.id === callerMembershipId) throw new AppError("invalid_input", "You already own this team.");
    await tx.membership.update({ where: { id: callerMembershipId }, data: { role: "admin" } });
    await tx.membership.update({ where: { id: target.id }, data: { role: "owner" } });
    await tx.auditLog.create({
      data: { actorId: caller.userId, workspaceId: caller.workspaceId, action: "ownership.transferred", target: target.userId, data: { from: caller.userId } },
    });
  });
}
