import "server-only";
import { db } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { rolesWith } from "@/lib/workspaces/permissions";
import { generateInvitationToken } from "./invitation-token";
import { invitationUrl } from "./invitation-url";

export type CreatedInvitation = { id: string; email: string; role: WorkspaceRole; url: string; expiresAt: Date; workspaceName: string };

const NOT_FOUND = "This workspace doesn't exist or you are no longer a member.";

// Every invitation may send an email: bounded per team, so one admin can't make Darkroom a mail cannon.
export const MAX_PENDING_INVITATIONS = 100;
export const MAX_INVITATIONS_PER_DAY = 200;

/**
 * Invites `email` to a team with a role (never owner: ownership is transferred, not granted). Re-inviting the
 * same address revokes its pending link and issues a new one, in one transaction serialised per team (which
 * also keeps the per-team bounds exact).
 * The caller's right to invite is part of the query. Returns the link: it exists only here, the row keeps its hash.
 */
export async function createInvitation(
  caller: { userId: string; workspaceId: string },
  input: { email: string; role: Exclude<WorkspaceRole, "owner"> },
): Promise<CreatedInvitation> {
  const email = input.email.trim().toLowerCase();
  const { token, hash } = generateInvitationToken();
  const created = await db.$transaction(async (tx) => {
    const workspace = await tx.workspace.findFirst({
      where: {
        id: caller.workspaceId,
        deletedAt: null,
        memberships: { some: { userId: caller.userId, role: { in: rolesWith("members.manage") } } },
      },
      select: { name: true, personal: true },
    });
    if (!workspace) throw new AppError("not_found", NOT_FOUND);
    if (workspace.personal) throw new AppError("forbidden", "A personal workspace can't be shared. Create a team to invite people.");
    // Invitations of one team are made one at a time (the row's lock), so the counts below are exact.
    await tx.$executeRaw`SELECT 1 FROM workspaces WHERE id = ${caller.workspaceId}::uuid FOR UPDATE`;
    const [pending, lastDay] = await Promise.all([
      tx.invitation.count({ where: { workspaceId: caller.workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() }, email: { not: email } } }),
      tx.invitation.count({ where: { workspaceId: caller.workspaceId, createdAt: { gt: new Date(Date.now() - 24 * 3600_000) } } }),
    ]);
    if (pending >= MAX_PENDING_INVITATIONS) {
      throw new AppError("conflict", `This team has ${MAX_PENDING_INVITATIONS} pending invitations. Withdraw some before inviting more.`);
    }
    if (lastDay >= MAX_INVITATIONS_PER_DAY) {
      throw new AppError("conflict", `This team has sent ${MAX_INVITATIONS_PER_DAY} invitations in the last 24 hours. Try again later.`);
    }
    const member = await tx.membership.findFirst({ where: { workspaceId: caller.workspaceId, user: { email } }, select: { id: true } });
    if (member) throw new AppError("conflict", "This person is already a member.", { field: "email" });
    const replaced = await tx.invitation.updateMany({
      where: { workspaceId: caller.workspaceId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const expiresAt = new Date(Date.now() + env.INVITATION_TTL_HOURS * 3600_000);
    const invitation = await tx.invitation.create({
      data: { workspaceId: caller.workspaceId, email, role: input.role, tokenHash: hash, invitedById: caller.userId, expiresAt },
      select: { id: true },
    });
    await tx.auditLog.create({
      data: {
        actorId: caller.userId,
        workspaceId: caller.workspaceId,
        action: "invitation.created",
        target: email,
        data: { role: input.role, replaced: replaced.count },
      },
    });
    return { id: invitation.id, expiresAt, workspaceName: workspace.name };
  });
  return { ...created, email, role: input.role, url: invitationUrl(token) };
}
