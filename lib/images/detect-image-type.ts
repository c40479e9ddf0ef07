import "server-only";

import { open } from "node:fs/promises";

import { fileTypeFromBuffer } from "file-type";

import { unsupportedTypeError } from "./image-rejected-error";

export type ImageInput = Uint8Array | { path: string };

export type ImageFormat = "png" | "jpeg" | "webp" | "gif";

// Sniffed from the bytes, never from a name or a declared type: sharp would also open SVG, TIFF, HEIF or PDF,
// which no one asked it to parse here. APNG is a PNG whose first (default) image is what gets kept.
const FORMATS: Record<string, ImageFormat> = {
  "image/png": "png",
  "image/apng": "png",
  "image/jpeg": "jpeg",
  "image/webp": "webp",
  "image/gif": "gif",
};

/** Enough for file-type's signatures and for finding a WebP's image chunk behind an ICC profile. */
const HEAD_BYTES = 64 * 1024;

/** The first bytes of the input, read from disk without loading the rest. */
export async function readHead(input: ImageInput): Promise<Uint8Array> {
  if (!("path" in input)) return input.subarray(0, HEAD_BYTES);
  const file = await open(input.path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** The input's format from its leading bytes; anything but PNG, JPEG, WebP or GIF is refused. */
export async function detectImageType(head: Uint8Array, name?: string): Promise<ImageFormat> {
  const sniffed = await fileTypeFromBuffer(head);
  const format = sniffed ? FORMATS[sniffed.mime] : undefined;
  if (!format) throw unsupportedTypeError(name);
  return format;
}

/**
 * Whether a WebP holds a lossless (VP8L) image rather than a lossy (VP8) one, so re-encoding keeps it lossless.
 * Walks the RIFF chunks: the image chunk follows the optional VP8X, ICCP, ANIM and ALPH chunks.
 */
export function isLosslessWebp(head: Uint8Array): boolean {
  const view = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  let offset = 12; // "RIFF" size "WEBP"
  while (offset + 8 <= view.length) {
    const fourcc = view.toString("latin1", offset, offset + 4);
    if (fourcc === "VP8L") return true;
    if (fourcc === "VP8 " || fourcc === "ANMF") return false;
    const size = view.readUInt32LE(offset + 4);
    offset += 8 + size + (size % 2);
  }
  return false;
}
