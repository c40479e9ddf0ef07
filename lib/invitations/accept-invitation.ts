import "server-only";
import { db } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { hashInvitationToken, isWellFormedInvitationToken } from "./invitation-token";
import { invitationState } from "./read-invitation";

const REFUSALS = {
  expired: "This invitation has expired. Ask the team for a new one.",
  used: "This invitation has already been used.",
  revoked: "This invitation was withdrawn. Ask the team for a new one.",
} as const;

/**
 * Joins the caller to the team, once: the row is locked, must be pending, and must be for the caller's own
 * address. Someone already in the team keeps their role (the invitation is used up all the same).
 */
export async function acceptInvitation(caller: { userId: string; email: string }, token: string): Promise<{ slug: string }> {
  if (!isWellFormedInvitationToken(token)) throw new AppError("not_found", "This invitation link isn't valid.");
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string; workspaceId: string; email: string; role: WorkspaceRole; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null; slug: string; suspended: boolean }>>`
      SELECT i.id, i.workspace_id AS "workspaceId", i.email, i.role, i.expires_at AS "expiresAt",
             i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt", w.slug, w.suspended
        FROM invitations i JOIN workspaces w ON w.id = i.workspace_id AND w.deleted_at IS NULL
       WHERE i.token_hash = ${hashInvitationToken(token)}
       FOR UPDATE OF i`;
    const invitation = rows[0];
    if (!invitation) throw new AppError("not_found", "This invitation link isn't valid.");
    const state = invitationState(invitation);
    if (state !== "pending") throw new AppError("conflict", REFUSALS[state]);
    // A suspended team is read-only, its members too; the invitation stays pending for when it is resumed.
    if (invitation.suspended) throw new AppError("forbidden", "This team is suspended; it takes no new members for now.");
    if (invitation.email !== caller.email.trim().toLowerCase()) {
      throw new AppError("forbidden", `This invitation is for ${invitation.email}, but you are signed in as ${caller.email}. Sign in as ${invitation.email} to accept it.`);
    }
    // The address match above means something only once the caller has proved they receive its mail.
    const verified = await tx.user.findUnique({ where: { id: caller.userId }, select: { emailVerifiedAt: true } });
    if (!verified?.emailVerifiedAt) {
      throw new AppError("forbidden", `Verify your email address first: use the link we sent to ${invitation.email}, then open this invitation again.`);
    }
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: caller.userId } },
      select: { id: true },
    });
    if (!existing) await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId: caller.userId, role: invitation.role } });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date(), acceptedById: caller.userId } });
    await tx.auditLog.create({
      data: { actorId: caller.userId, workspaceId: invitation.workspaceId, action: "member.joined", target: caller.userId, data: { role: invitation.role, invitationId: invitation.id } },
    });
    return { slug: invitation.slug };
  });
}
