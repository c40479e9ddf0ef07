import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { makeObjectKey } from "@/lib/storage/make-object-key";
import type { StorageDriver } from "@/lib/storage/storage-driver";

/**
 * An asset row of `workspaceId` with random bytes stored under fresh keys (original + thumbnail), written with
 * `storage` (skip it to make a row whose files are missing).
 */
export async function seedAsset(
  workspaceId: string,
  { storage, mime = "image/png", originalName = null, bytes = randomBytes(4096) }: {
    storage?: StorageDriver;
    mime?: string;
    originalName?: string | null;
    bytes?: Buffer;
  } = {},
) {
  const storageKey = makeObjectKey(workspaceId, "uploads", mime.split("/")[1] ?? "bin");
  const thumbKey = makeObjectKey(workspaceId, "thumbs", "webp");
  const thumb = randomBytes(512);
  if (storage) {
    await storage.put(storageKey, bytes, { contentType: mime });
    await storage.put(thumbKey, thumb, { contentType: "image/webp" });
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const asset = await db.asset.create({
    data: { workspaceId, kind: "upload", storageKey, thumbKey, mime, bytes: bytes.length, width: 64, height: 48, sha256, dedupeKey: sha256, originalName },
    select: { id: true },
  });
  return { id: asset.id, storageKey, thumbKey, bytes, thumb, sha256 };
}
