import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { rolesWith } from "./permissions";

/**
 * Renames a workspace. `workspaceId` must come from the caller's verified membership; the update repeats the
 * membership (with the role allowed) in its `where`, so a stale or forged id changes nothing.
 */
export async function renameWorkspace(caller: { userId: string; workspaceId: string }, name: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.workspace.updateMany({
      where: {
        id: caller.workspaceId,
        deletedAt: null,
        memberships: { some: { userId: caller.userId, role: { in: rolesWith("workspace.edit") } } },
      },
      data: { name },
    });
    if (count === 0) throw new AppError("not_found", "This workspace doesn't exist or you are no longer a member.");
    await tx.auditLog.create({ data: { actorId: caller.userId, workspaceId: caller.workspaceId, action: "workspace.renamed", data: { name } } });
  });
}
