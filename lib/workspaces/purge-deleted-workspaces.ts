import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";

const BATCH = 200;

/**
 * Removes the images and finished edits of deleted workspaces, a batch at a time (rows first, then their
 * objects). Safe in several instances at once: rows are claimed with SKIP LOCKED. Edits still running are left
 * for a later pass (they were told to stop). Returns how many images went.
 */
export async function purgeDeletedWorkspaces(): Promise<number> {
  const removed = await db.$queryRaw<Array<{ storageKey: string; thumbKey: string }>>`
    WITH doomed AS (
      SELECT a.id FROM assets a JOIN workspaces w ON w.id = a.workspace_id
       WHERE w.deleted_at IS NOT NULL
       LIMIT ${BATCH} FOR UPDATE OF a SKIP LOCKED
    )
    DELETE FROM assets a USING doomed WHERE a.id = doomed.id
    RETURNING a.storage_key AS "storageKey", a.thumb_key AS "thumbKey"`;
  await db.$executeRaw`
    WITH doomed AS (
      DELETE FROM edit_jobs j USING workspaces w
       WHERE w.id = j.workspace_id AND w.deleted_at IS NOT NULL AND j.status NOT IN ('queued', 'running')
      RETURNING j.id
    )
    DELETE FROM job_events e USING doomed WHERE e.job_id = doomed.id`;
  const storage = getStorage();
  const keys = removed.flatMap((a) => [a.storageKey, a.thumbKey]);
  let failed = 0;
  for (let i = 0; i < keys.length; i += 16) {
    const results = await Promise.allSettled(keys.slice(i, i + 16).map((key) => storage.delete(key)));
    failed += results.filter((r) => r.status === "rejected").length;
  }
  if (failed) logger.warn({ failed }, "purged images left objects in storage");
  return removed.length;
}
