import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import { env } from "@/lib/env";
import type { ProcessedImage } from "@/lib/images/process-image";
import { getStorage } from "@/lib/storage/get-storage";
import { makeObjectKey } from "@/lib/storage/make-object-key";
import { storageFullError } from "./storage-full-error";

export type StoredAsset = { id: string; width: number; height: number; mime: string; deduplicated: boolean };

const SELECT = { id: true, width: true, height: true, mime: true } as const;

/**
 * Stores a processed image (original + thumbnail) and records it. Uploads are de-duplicated by content within
 * the workspace (the same file twice is one asset); results always get their own asset, for their lineage.
 * Objects are written before the row, and removed again if the row can't be written.
 *
 * Every new asset adds its original's bytes to the workspace's `storage_used` in the transaction that inserts
 * it. With `enforceQuota` (uploads, archived API results) that is a conditional update, like credits: an image
 * that would take the workspace past STORAGE_QUOTA_BYTES is refused (storageFullError) and nothing is kept, so
 * concurrent uploads can't overshoot. A studio result is counted whatever the total: it was paid for, and the
 * studio refuses new edits once the workspace is full instead.
 */
export async function storeImageAsset(input: {
  workspaceId: string;
  createdById: string | null;
  kind: "upload" | "result";
  image: ProcessedImage;
  /** Default: true for uploads, false for results. */
  enforceQuota?: boolean;
  originalName?: string | null;
  jobId?: string | null;
  model?: string | null;
}): Promise<StoredAsset> {
  const { original, thumbnail } = input.image;
  const dedupeKey = input.kind === "upload" ? original.sha256 : null;
  if (dedupeKey) {
    const existing = await db.asset.findUnique({ where: { workspaceId_dedupeKey: { workspaceId: input.workspaceId, dedupeKey } }, select: SELECT });
    if (existing) return { ...existing, deduplicated: true };
  }
  const bytes = original.bytes.byteLength;
  const enforce = input.enforceQuota ?? input.kind === "upload";
  const quota = env.STORAGE_QUOTA_BYTES;
  if (enforce) {
    // A cheap early refusal, before anything is written; the conditional update below is the guard.
    const ws = await db.workspace.findUnique({ where: { id: input.workspaceId }, select: { storageUsed: true } });
    const used = Number(ws?.storageUsed ?? 0);
    if (used + bytes > quota) throw storageFullError({ used, quota, adding: bytes });
  }
  const storage = getStorage();
  const storageKey = makeObjectKey(input.workspaceId, input.kind === "upload" ? "uploads" : "results", original.ext);
  const thumbKey = makeObjectKey(input.workspaceId, "thumbs", "webp");
  await storage.put(storageKey, original.bytes, { contentType: original.mime, contentLength: original.bytes.byteLength });
  await storage.put(thumbKey, thumbnail.bytes, { contentType: "image/webp", contentLength: thumbnail.bytes.byteLength });
  try {
    const asset = await db.$transaction(async (tx) => {
      const counted = await tx.$executeRaw`
        UPDATE workspaces SET storage_used = storage_used + ${bytes}
         WHERE id = ${input.workspaceId}::uuid AND (NOT ${enforce} OR storage_used + ${bytes} <= ${quota})`;
      if (counted === 0) {
        const ws = await tx.workspace.findUnique({ where: { id: input.workspaceId }, select: { storageUsed: true } });
        throw storageFullError({ used: Number(ws?.storageUsed ?? 0), quota, adding: bytes });
      }
      return tx.asset.create({
        data: {
          workspaceId: input.workspaceId,
          createdById: input.createdById,
          kind: input.kind,
          storageKey,
          thumbKey,
          mime: original.mime,
          bytes: original.bytes.byteLength,
          width: original.width,
          height: original.height,
          sha256: original.sha256,
          dedupeKey,
          originalName: input.originalName ?? null,
          jobId: input.jobId ?? null,
          model: input.model ?? null,
        },
        select: SELECT,
      });
    });
    return { ...asset, deduplicated: false };
  } catch (error) {
    await Promise.all([storage.delete(storageKey), storage.delete(thumbKey)]).catch(() => {});
    if (dedupeKey && isUniqueViolation(error)) {
      // The same file arrived twice at once: the other upload won, and this one is that asset.
      const existing = await db.asset.findUniqueOrThrow({ where: { workspaceId_dedupeKey: { workspaceId: input.workspaceId, dedupeKey } }, select: SELECT });
      return { ...existing, deduplicated: true };
    }
    throw error;
  }
}
