import "server-only";
import { db } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";
import { hashInvitationToken, isWellFormedInvitationToken } from "./invitation-token";

export type InvitationState = "pending" | "expired" | "used" | "revoked";

export type InvitationView = { state: InvitationState; email: string; role: WorkspaceRole; workspaceName: string; expiresAt: Date };

/** What an invitation link says (for its page): null when no invitation has this token. */
export async function readInvitation(token: string): Promise<InvitationView | null> {
  if (!isWellFormedInvitationToken(token)) return null;
  const row = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: { email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, workspace: { select: { name: true, deletedAt: true } } },
  });
  if (!row || row.workspace.deletedAt) return null;
  return { state: invitationState(row), email: row.email, role: row.role, workspaceName: row.workspace.name, expiresAt: row.expiresAt };
}

export function invitationState(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationState {
  if (row.acceptedAt) return "used";
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "pending";
}
