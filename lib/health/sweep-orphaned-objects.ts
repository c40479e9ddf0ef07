import "server-only";
import { getPool } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";
import type { StorageDriver } from "@/lib/storage/storage-driver";
import type { JobOutcome } from "./record-job-run";

const BATCH = 500;

async function unreferenced(keys: string[]): Promise<string[]> {
  const { rows } = await getPool().query<{ key: string }>(
    `SELECT k AS key FROM unnest($1::text[]) AS k
      WHERE NOT EXISTS (SELECT 1 FROM assets a WHERE a.storage_key = k)
        AND NOT EXISTS (SELECT 1 FROM assets a WHERE a.thumb_key = k)`,
    [keys],
  );
  return rows.map((r) => r.key);
}

/**
 * Deletes stored objects that no asset row names (an upload whose row never committed, a purge whose delete
 * failed). Only objects last written more than `minAgeMs` ago are considered: an upload or a result being stored
 * writes its objects first and its row a moment later, and must never lose them in between. The age is the
 * storage's own clock (file mtime, S3 LastModified), so a slow upload's object is young until it is complete.
 */
export async function sweepOrphanedObjects(minAgeMs: number, storage: StorageDriver = getStorage()): Promise<JobOutcome> {
  const cutoff = Date.now() - minAgeMs;
  let scanned = 0;
  let removed = 0;
  let failed = 0;
  let batch: string[] = [];
  const flush = async () => {
    const doomed = await unreferenced(batch);
    batch = [];
    const results = await Promise.allSettled(doomed.map((key) => storage.delete(key)));
    removed += results.filter((r) => r.status === "fulfilled").length;
    failed += results.filter((r) => r.status === "rejected").length;
  };
  for await (const object of storage.list("workspaces/")) {
    scanned++;
    if (object.lastModified.getTime() > cutoff) continue;
    batch.push(object.key);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  if (failed) logger.warn({ failed }, "orphaned objects could not be deleted");
  return { ok: failed === 0, removed, summary: { scanned, removed, failed, minAgeHours: minAgeMs / 3_600_000 } };
}
