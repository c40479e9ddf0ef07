import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { finishStoppedWork } from "@/lib/workspaces/finish-stopped-work";
import { stopMemberWork } from "@/lib/workspaces/stop-member-work";
import { lockManageableWorkspace } from "./lock-manageable-workspace";

/**
 * Removes a member (admins) in one transaction: their keys are revoked everywhere at once, their queued edits
 * cancelled (refunded after commit), running ones told to stop, and the membership goes. Their images stay in
 * the gallery under their name. The owner can't be removed: ownership is transferred first.
 */
export async function removeMember(caller: { userId: string; workspaceId: string }, unverifiedMembershipId: string): Promise<void> {
  const stopped = await db.$transaction(async (tx) => {
    const { target } = await lockManageableWorkspace(tx, caller, "members.manage", unverifiedMembershipId);
    if (target.role === "owner") throw new AppError("forbidden", "The owner can't be removed. Transfer ownership first.");
    const work = await stopMemberWork(tx, { workspaceId: caller.workspaceId, userId: target.userId, actorId: caller.userId });
    await tx.membership.delete({ where: { id: target.id } });
    await tx.auditLog.create({
      data: { actorId: caller.userId, workspaceId: caller.workspaceId, action: "member.removed", target: target.userId, data: { email: target.email, role: target.role } },
    });
    return work;
  });
  await finishStoppedWork(stopped);
}
