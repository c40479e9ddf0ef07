import "server-only";
import { db } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";
import { can, PERMISSIONS_BY_ROLE } from "@/lib/workspaces/permissions";

export const DELETE_MAX_ASSETS = 200;

type Target = { id: string; storageKey: string; thumbKey: string; bytes: number; allowed: boolean; busy: boolean };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// Roles whose members may delete anyone's images, from the permission table (never a role name in code).
const DELETE_ANY_ROLES = (Object.keys(PERMISSIONS_BY_ROLE) as WorkspaceRole[]).filter((role) => can(role, "images.delete_any"));

function refuse(ids: string[], targets: Target[]): AppError | null {
  const missing = ids.length - targets.length;
  if (missing > 0) {
    return new AppError("not_found", `${plural(missing, "selected image no longer exists", "selected images no longer exist")} in this workspace. Nothing was deleted.`);
  }
  const others = targets.filter((t) => !t.allowed).length;
  if (others > 0) {
    return new AppError("forbidden", `You can delete only images you made; ${plural(others, "selected image was", "selected images were")} made by someone else. Nothing was deleted.`);
  }
  const busy = targets.filter((t) => t.busy).length;
  if (busy > 0) {
    return new AppError("conflict", `${plural(busy, "selected image is", "selected images are")} the input of an edit still running. Nothing was deleted; try again when it has finished.`);
  }
  return null;
}

async function deleteObjects(keys: string[]): Promise<void> {
  const storage = getStorage();
  const failed: string[] = [];
  for (let i = 0; i < keys.length; i += 16) {
    const batch = keys.slice(i, i + 16);
    const results = await Promise.allSettled(batch.map((key) => storage.delete(key)));
    results.forEach((r, j) => r.status === "rejected" && failed.push(batch[j]!));
  }
  // The rows are gone, so nothing can reach these any more; they only cost space until swept.
  if (failed.length) logger.warn({ keys: failed }, "deleted assets left objects in storage");
}

/**
 * Deletes images of a workspace, all or none: the caller must be a member, and the creator of each image or
 * allowed "images.delete_any"; an image that is missing, someone else's, or the input of a queued or running
 * edit refuses the whole batch with a message that says why. The rows go in one transaction (locked first, so
 * a concurrent delete can't interleave) with the bytes they counted against the storage quota, then their
 * originals and thumbnails leave storage. Jobs that used
 * them keep their inputs, which the detail view then shows as deleted.
 */
export async function deleteAssets(caller: { userId: string; workspaceId: string }, unverifiedAssetIds: string[]): Promise<{ deletedIds: string[] }> {
  const ids = [...new Set(unverifiedAssetIds.map((id) => id.toLowerCase()))];
  if (ids.length === 0) return { deletedIds: [] };
  if (ids.length > DELETE_MAX_ASSETS) throw new AppError("invalid_input", `Delete at most ${DELETE_MAX_ASSETS} images at once.`);
  if (!ids.every(isUuid)) throw new AppError("not_found", "Some selected images don't exist. Nothing was deleted.");

  const targets = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Target[]>`
      SELECT a.id, a.storage_key AS "storageKey", a.thumb_key AS "thumbKey", a.bytes,
             (a.created_by_id = m.user_id OR m.role::text = ANY(${DELETE_ANY_ROLES}::text[])) AS allowed,
             EXISTS (SELECT 1 FROM job_inputs ji JOIN edit_jobs j ON j.id = ji.job_id
                      WHERE ji.asset_id = a.id AND j.status IN ('queued', 'running')) AS busy
        FROM assets a
        JOIN memberships m ON m.workspace_id = a.workspace_id AND m.user_id = ${caller.userId}::uuid
       WHERE a.workspace_id = ${caller.workspaceId}::uuid AND a.id = ANY(${ids}::uuid[])
         FOR UPDATE OF a`;
    const refusal = refuse(ids, rows);
    if (refusal) throw refusal;
    await tx.asset.deleteMany({ where: { id: { in: ids }, workspaceId: caller.workspaceId } });
    // The rows and the bytes they count leave together: deleting images frees the workspace's storage quota.
    const freed = rows.reduce((sum, row) => sum + row.bytes, 0);
    await tx.$executeRaw`UPDATE workspaces SET storage_used = GREATEST(0, storage_used - ${freed}) WHERE id = ${caller.workspaceId}::uuid`;
    await tx.auditLog.create({
      data: { actorId: caller.userId, workspaceId: caller.workspaceId, action: "assets.deleted", data: { ids } },
    });
    return rows;
  });
  await deleteObjects(targets.flatMap((t) => [t.storageKey, t.thumbKey]));
  return { deletedIds: targets.map((t) => t.id) };
}
