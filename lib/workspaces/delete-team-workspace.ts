import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { finishStoppedWork } from "./finish-stopped-work";
import { callerMay } from "./caller-may";
import { stopMemberWork } from "./stop-member-work";

const NOT_FOUND = "This workspace doesn't exist or you are no longer a member.";

/**
 * Deletes a team. Access ends at once, in one transaction: every membership, invitation and former address
 * goes, keys are revoked (every instance hears), queued edits are cancelled and refunded, running ones told to
 * stop. The workspace row stays as a tombstone (its ledger is history) under a slug nobody can type; its
 * images and edits are removed afterwards by `purgeDeletedWorkspaces`. Personal workspaces can't be deleted.
 */
export async function deleteTeamWorkspace(caller: { userId: string; workspaceId: string }, confirmation: string): Promise<void> {
  const stopped = await db.$transaction(async (tx) => {
    // Lock, then check the role in a statement of its own (it must see a transfer that committed meanwhile).
    const rows = await tx.$queryRaw<Array<{ slug: string; personal: boolean }>>`
      SELECT slug, personal FROM workspaces WHERE id = ${caller.workspaceId}::uuid AND deleted_at IS NULL FOR UPDATE`;
    const workspace = rows[0] && (await callerMay(tx, caller, "workspace.delete")) ? rows[0] : null;
    if (!workspace) throw new AppError("not_found", NOT_FOUND);
    if (workspace.personal) throw new AppError("forbidden", "Your personal workspace can't be deleted.");
    if (confirmation.trim().toLowerCase() !== workspace.slug) {
      throw new AppError("invalid_input", `Type ${workspace.slug} to confirm.`, { field: "confirmation" });
    }
    const work = await stopMemberWork(tx, { workspaceId: caller.workspaceId, userId: null, actorId: caller.userId });
    await tx.invitation.deleteMany({ where: { workspaceId: caller.workspaceId } });
    await tx.slugRedirect.deleteMany({ where: { workspaceId: caller.workspaceId } });
    await tx.membership.deleteMany({ where: { workspaceId: caller.workspaceId } });
    await tx.$executeRaw`
      UPDATE workspaces SET deleted_at = now(), slug = 'deleted-' || id::text WHERE id = ${caller.workspaceId}::uuid`;
    await tx.auditLog.create({
      data: { actorId: caller.userId, workspaceId: caller.workspaceId, action: "workspace.deleted", data: { slug: workspace.slug } },
    });
    return work;
  });
  await finishStoppedWork(stopped);
}
