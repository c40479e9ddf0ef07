import "server-only";
import { Readable } from "node:stream";
import { logger } from "@/lib/log/logger";
import { contentDisposition } from "@/lib/storage/content-disposition";
import { getStorage } from "@/lib/storage/get-storage";
import { objectKeyExtension } from "@/lib/storage/make-object-key";
import { isObjectNotFound } from "@/lib/storage/storage-driver";
import type { MemberAsset } from "./get-member-asset";

export type AssetFileRequest = { thumb: boolean; download: boolean; ifNoneMatch: string | null };

// Presigned reads are short-lived: enough to follow the redirect and stream the file, not to be passed around.
const SIGNED_URL_SECONDS = 300;

// Thumbnails have no mime column: their server-made key's extension says what the pipeline wrote.
const THUMB_TYPES: Record<string, string> = { webp: "image/webp", jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", avif: "image/avif" };

function fileName(asset: MemberAsset, key: string, thumb: boolean): string {
  // The client's name gives the stem only; the extension comes from the server-made key (the sniffed type).
  const stem = asset.originalName?.replace(/\.[^.]*$/, "").trim() || `darkroom-${asset.id}`;
  return `${stem}${thumb ? "-thumb" : ""}.${objectKeyExtension(key)}`;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

function notFound(): Response {
  return Response.json({ error: { code: "not_found", message: "Not found" } }, { status: 404, headers: { "cache-control": "no-store" } });
}

/**
 * The file of an asset the caller may read (checked by the caller through getMemberAsset): a redirect to a
 * short-lived presigned URL when the storage has them (S3), otherwise the bytes streamed from local storage.
 */
export async function serveAssetFile(asset: MemberAsset, request: AssetFileRequest): Promise<Response> {
  const key = request.thumb ? asset.thumbKey : asset.storageKey;
  const contentType = request.thumb ? (THUMB_TYPES[objectKeyExtension(key)] ?? "application/octet-stream") : asset.mime;
  const name = fileName(asset, key, request.thumb);
  const storage = getStorage();

  const signed = await storage.signedReadUrl(key, {
    expiresInSeconds: SIGNED_URL_SECONDS,
    contentType,
    downloadName: request.download ? name : undefined,
  });
  if (signed) {
    return new Response(null, {
      status: 302,
      headers: { location: signed, "cache-control": "private, no-store", "referrer-policy": "no-referrer" },
    });
  }

  // Keys are never reused, so a file never changes: cache it for a year, revalidate by content hash.
  const etag = `"${asset.sha256}${request.thumb ? "-thumb" : ""}"`;
  const cache = { etag, "cache-control": "private, max-age=31536000, immutable" };
  if (matches(request.ifNoneMatch, etag)) return new Response(null, { status: 304, headers: cache });

  let object;
  try {
    object = await storage.getStream(key);
  } catch (error) {
    if (!isObjectNotFound(error)) throw error;
    logger.warn({ assetId: asset.id, thumb: request.thumb }, "asset file missing from storage");
    return notFound();
  }
  return new Response(Readable.toWeb(object.stream) as ReadableStream<Uint8Array>, {
    headers: {
      ...cache,
      "content-type": contentType,
      // Next's Node server (16.4) drops Content-Length from route handler responses and sends them chunked;
      // kept for runtimes that honour it.
      "content-length": String(object.contentLength),
      "content-disposition": contentDisposition(request.download ? "attachment" : "inline", name),
      "x-content-type-options": "nosniff",
      // Same-origin user content: even if a browser rendered it as a document, it could run nothing.
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
