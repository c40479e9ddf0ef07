import "server-only";
import { db } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { rolesWith } from "@/lib/workspaces/permissions";

/** Withdraws a pending invitation of the caller's team; its link then says it was withdrawn. */
export async function revokeInvitation(caller: { userId: string; workspaceId: string }, unverifiedId: string): Promise<void> {
  if (!isUuid(unverifiedId)) throw new AppError("not_found", "Invitation not found.");
  await db.$transaction(async (tx) => {
    const revoked = await tx.invitation.updateManyAndReturn({
      where: {
        id: unverifiedId,
        workspaceId: caller.workspaceId,
        acceptedAt: null,
        revokedAt: null,
        workspace: { memberships: { some: { userId: caller.userId, role: { in: rolesWith("members.manage") } } } },
      },
      data: { revokedAt: new Date() },
      select: { email: true },
    });
    if (!revoked[0]) throw new AppError("not_found", "Invitation not found, or already used or withdrawn.");
    await tx.auditLog.create({ data: { actorId: caller.userId, workspaceId: caller.workspaceId, action: "invitation.revoked", target: revoked[0].email } });
  });
}
