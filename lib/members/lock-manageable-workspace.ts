import "server-only";
import type { db } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { rolesWith, type Permission } from "@/lib/workspaces/permissions";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export type Target = { id: string; userId: string; role: WorkspaceRole; email: string };

/**
 * Inside a membership-changing transaction: locks the workspace row (so changes of one team's members run one
 * after another, and "exactly one owner" can't be raced), re-checks the caller's permission there, and finds
 * the target membership of that same workspace. A forged workspace or member id is simply not found.
 */
export async function lockManageableWorkspace(
  tx: Tx,
  caller: { userId: string; workspaceId: string },
  permission: Permission,
  unverifiedMembershipId: string,
): Promise<{ callerMembershipId: string; target: Target }> {
  // Lock first, then read the caller's role in a statement of its own: a statement that waited for the lock
  // re-checks only the locked row, not the memberships it joined, so a role changed by the transaction it waited
  // for (an ownership transfer, say) would otherwise go unseen.
  const locked = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM workspaces WHERE id = ${caller.workspaceId}::uuid AND deleted_at IS NULL AND NOT personal FOR UPDATE`;
  const rows = locked[0]
    ? await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM memberships
         WHERE workspace_id = ${caller.workspaceId}::uuid AND user_id = ${caller.userId}::uuid
           AND role::text = ANY(${rolesWith(permission)}::text[])`
    : [];
  const callerMembership = rows[0];
  if (!callerMembership) throw new AppError("not_found", "This workspace doesn't exist or you may not manage its members.");
  const target = await tx.membership.findFirst({
    where: { id: unverifiedMembershipId, workspaceId: caller.workspaceId },
    select: { id: true, userId: true, role: true, user: { select: { email: true } } },
  });
  if (!target) throw new AppError("not_found", "That person is not a member of this workspace.");
  return { callerMembershipId: callerMembership.id, target: { id: target.id, userId: target.userId, role: target.role, email: target.user.email } };
}
