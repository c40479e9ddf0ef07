import "server-only";
import { env } from "@/lib/env";
import { tooLargeError } from "@/lib/images/image-rejected-error";
import { processImage } from "@/lib/images/process-image";
import { consumeUploadAllowance } from "./consume-upload-allowance";
import { storeImageAsset, type StoredAsset } from "./store-image-asset";

/** The name as a person would read it back: no control or bidi characters, and not endless. */
function cleanName(name: string): string | null {
  const clean = name.replace(/[\p{Cc}\p{Cf}]/gu, "").trim().slice(0, 255);
  return clean || null;
}

/**
 * Stores one uploaded file as an image of the workspace; the caller has already checked that the member may
 * create images there. The file's declared size is checked before a byte of it is read; then the image
 * pipeline validates by bytes (type, pixel count before decoding), strips metadata, thumbnails and hashes it,
 * and the same picture uploaded again is the same asset. Throws ImageRejectedError, having stored nothing; an
 * AppError `rate_limited` past UPLOADS_PER_MINUTE, or `conflict` when the workspace's storage quota is full.
 */
export async function uploadImage(input: { workspaceId: string; userId: string; file: File }): Promise<StoredAsset> {
  const { file } = input;
  const name = cleanName(file.name) ?? undefined;
  if (file.size > env.UPLOAD_MAX_BYTES) throw tooLargeError(name, file.size, env.UPLOAD_MAX_BYTES);
  await consumeUploadAllowance({ workspaceId: input.workspaceId, userId: input.userId });
  const bytes = Buffer.from(await file.arrayBuffer());
  const image = await processImage(bytes, { maxBytes: env.UPLOAD_MAX_BYTES, maxPixels: env.UPLOAD_MAX_PIXELS, name });
  return storeImageAsset({ workspaceId: input.workspaceId, createdById: input.userId, kind: "upload", image, originalName: name ?? null });
}
