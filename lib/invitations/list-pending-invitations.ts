import "server-only";
import { db } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";
import { rolesWith } from "@/lib/workspaces/permissions";

export type PendingInvitation = { id: string; email: string; role: WorkspaceRole; expiresAt: Date; createdAt: Date; expired: boolean };

/** Invitations not used or withdrawn yet (expired ones too, marked), for members who may manage members. */
export async function listPendingInvitations(caller: { userId: string; workspaceId: string }): Promise<PendingInvitation[]> {
  const rows = await db.invitation.findMany({
    where: {
      workspaceId: caller.workspaceId,
      acceptedAt: null,
      revokedAt: null,
      workspace: { memberships: { some: { userId: caller.userId, role: { in: rolesWith("members.manage") } } } },
    },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  const now = new Date();
  return rows.map((r) => ({ ...r, expired: r.expiresAt <= now }));
}
