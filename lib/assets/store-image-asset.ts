import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/is-unique-violation";
import type { ProcessedImage } from "@/lib/images/process-image";
import { getStorage } from "@/lib/storage/get-storage";
import { makeObjectKey } from "@/lib/storage/make-object-key";

export type StoredAsset = { id: string; width: number; height: number; mime: string; deduplicated: boolean };

const SELECT = { id: true, width: true, height: true, mime: true } as const;

/**
 * Stores a processed image (original + thumbnail) and records it. Uploads are de-duplicated by content within
 * the workspace (the same file twice is one asset); results always get their own asset, for their lineage.
 * Objects are written before the row, and removed again if the row can't be written.
 */
export async function storeImageAsset(input: {
  workspaceId: string;
  createdById: string | null;
  kind: "upload" | "result";
  image: ProcessedImage;
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
  const storage = getStorage();
  const storageKey = makeObjectKey(input.workspaceId, input.kind === "upload" ? "uploads" : "results", original.ext);
  const thumbKey = makeObjectKey(input.workspaceId, "thumbs", "webp");
  await storage.put(storageKey, original.bytes, { contentType: original.mime, contentLength: original.bytes.byteLength });
  await storage.put(thumbKey, thumbnail.bytes, { contentType: "image/webp", contentLength: thumbnail.bytes.byteLength });
  try {
    const asset = await db.asset.create({
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
