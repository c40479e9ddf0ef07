import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { isSlugTaken } from "./is-slug-taken";
import { callerMay } from "./caller-may";

const NOT_FOUND = "This workspace doesn't exist or you are no longer a member.";

/**
 * Gives a workspace a new address. The old one is kept as a redirect (links made before keep working for
 * members), and nobody else can take it; going back to a former address of the same workspace is allowed.
 */
export async function changeWorkspaceSlug(caller: { userId: string; workspaceId: string }, slug: string): Promise<{ slug: string }> {
  try {
    return await db.$transaction(async (tx) => {
      // Locks the row, so two renames of one workspace can't both record the same "old" slug. The role is read
      // after the lock, in a statement of its own, so a role changed meanwhile is seen.
      const rows = await tx.$queryRaw<Array<{ slug: string }>>`
        SELECT slug FROM workspaces WHERE id = ${caller.workspaceId}::uuid AND deleted_at IS NULL FOR UPDATE`;
      const current = rows[0] && (await callerMay(tx, caller, "workspace.edit")) ? rows[0] : null;
      if (!current) throw new AppError("not_found", NOT_FOUND);
      if (current.slug === slug) return { slug };
      if (await isSlugTaken(tx, slug, caller.workspaceId)) {
        throw new AppError("conflict", "This address is taken; choose another", { field: "slug" });
      }
      await tx.slugRedirect.deleteMany({ where: { slug, workspaceId: caller.workspaceId } });
      await tx.slugRedirect.upsert({
        where: { slug: current.slug },
        create: { slug: current.slug, workspaceId: caller.workspaceId },
        update: { workspaceId: caller.workspaceId },
      });
      await tx.workspace.update({ where: { id: caller.workspaceId }, data: { slug } });
      await tx.auditLog.create({
        data: { actorId: caller.userId, workspaceId: caller.workspaceId, action: "workspace.slug_changed", data: { from: current.slug, to: slug } },
      });
      return { slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "This address is taken; choose another", { field: "slug" });
    throw error;
  }
}
