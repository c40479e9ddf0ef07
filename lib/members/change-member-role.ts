import "server-only";
import { db } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { API_KEYS_CHANNEL } from "@/lib/gateway/keys/create-api-key-resolver";
import { can } from "@/lib/workspaces/permissions";
import { lockManageableWorkspace } from "./lock-manageable-workspace";

/**
 * Sets a member's role below owner (ownership moves only by transfer). A role without "keys.manage" can't keep
 * API keys: the member's keys are revoked in the same transaction and every instance's key cache hears of it
 * on commit, so the demotion holds from the next request on.
 */
export async function changeMemberRole(
  caller: { userId: string; workspaceId: string },
  unverifiedMembershipId: string,
  role: Exclude<WorkspaceRole, "owner">,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const { target } = await lockManageableWorkspace(tx, caller, "members.manage", unverifiedMembershipId);
    if (target.role === "owner") throw new AppError("forbidden", "The owner's role changes only by transferring ownership.");
    if (target.role === role) return;
    await tx.membership.update({ where: { id: target.id }, data: { role } });
    if (!can(role, "keys.manage")) {
      await tx.$queryRaw`
        WITH revoked AS (
          UPDATE api_keys SET revoked_at = now()
           WHERE membership_id = ${target.id}::uuid AND revoked_at IS NULL RETURNING hash
        )
        SELECT pg_notify(${API_KEYS_CHANNEL}, hash)::text FROM revoked`;
    }
    await tx.auditLog.create({
      data: { actorId: caller.userId, workspaceId: caller.workspaceId, action: "member.role_changed", target: target.userId, data: { from: target.role, to: role } },
    });
  });
}
