import "server-only";
import { db } from "@/lib/db/client";
import { lockManageableWorkspace } from "./lock-manageable-workspace";

/**
 * Sets a member's monthly (UTC) credit limit, or removes it (null). Admission checks it atomically with the
 * pool (darkroom_admit), so the new limit applies to the next edit or API call; spending under way is not undone.
 */
export async function setMemberLimit(caller: { userId: string; workspaceId: string }, unverifiedMembershipId: string, limit: number | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const { target } = await lockManageableWorkspace(tx, caller, "members.manage", unverifiedMembershipId);
    await tx.membership.update({ where: { id: target.id }, data: { monthlyLimit: limit } });
    await tx.auditLog.create({
      data: { actorId: caller.userId, workspaceId: caller.workspaceId, action: "member.limit_changed", target: target.userId, data: { limit } },
    });
  });
}
