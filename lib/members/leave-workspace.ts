import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { finishStoppedWork } from "@/lib/workspaces/finish-stopped-work";
import { stopMemberWork } from "@/lib/workspaces/stop-member-work";
import { lockManageableWorkspace } from "./lock-manageable-workspace";

/** The caller leaves a team, as a removal of themselves would; the owner must transfer ownership first. */
export async function leaveWorkspace(caller: { userId: string; workspaceId: string }): Promise<void> {
  const stopped = await db.$transaction(async (tx) => {
    const own = await tx.membership.findFirst({ where: { workspaceId: caller.workspaceId, userId: caller.userId }, select: { id: true } });
    if (!own) throw new AppError("not_found", "This workspace doesn't exist or you are no longer a member.");
    const { target } = await lockManageableWorkspace(tx, caller, "workspace.view", own.id);
    if (target.role === "owner") throw new AppError("forbidden", "You own this team: transfer ownership before leaving.");
    const work = await stopMemberWork(tx, { workspaceId: caller.workspaceId, userId: caller.userId, actorId: caller.userId });
    await tx.membership.delete({ where: { id: target.id } });
    await tx.auditLog.create({ data: { actorId: caller.userId, workspaceId: caller.workspaceId, action: "member.left", target: caller.userId } });
    return work;
  });
  await finishStoppedWork(stopped);
}
