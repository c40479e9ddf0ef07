import "server-only";

import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";

import { detectImageType, isLosslessWebp, readHead, type ImageInput } from "./detect-image-type";
import { encodeOriginal, type EncodedOriginal } from "./encode-original";
import { corruptError, tooLargeError } from "./image-rejected-error";
import { makeThumbnail, type Thumbnail } from "./make-thumbnail";
import { readImageSize } from "./read-image-size";

export interface ProcessImageOptions {
  /** Largest input accepted (pass `env.UPLOAD_MAX_BYTES`). */
  maxBytes: number;
  /** Largest canvas accepted, width × height (pass `env.UPLOAD_MAX_PIXELS`). */
  maxPixels: number;
  /** The name the person gave the file, used only in rejection messages. */
  name?: string;
}

export interface ProcessedImage {
  /** Re-encoded, metadata-free and upright: what gets stored. `sha256` (hex) is of these bytes. */
  original: EncodedOriginal & { sha256: string };
  /** WebP, inside 512 × 512, at most 40 KB. */
  thumbnail: Thumbnail;
}

async function inputSize(input: ImageInput): Promise<number> {
  return "path" in input ? (await stat(input.path)).size : input.byteLength;
}

/**
 * Validates an upload or a model result and prepares it for storage; stores nothing. Checks run cheapest
 * first, each refusing with an ImageRejectedError before the next costs anything: size, type sniffed from the
 * bytes, pixel count from the header, then the full decode and re-encode.
 *
 * `input` is the bytes, or `{ path }` of a file the caller owns (and deletes) that is never read whole.
 */
export async function processImage(input: ImageInput, options: ProcessImageOptions): Promise<ProcessedImage> {
  const { maxBytes, maxPixels, name } = options;
  const size = await inputSize(input);
  if (size > maxBytes) throw tooLargeError(name, size, maxBytes);
  if (size === 0) throw corruptError(name);

  const head = await readHead(input);
  const format = await detectImageType(head, name);
  await readImageSize(input, maxPixels, name);

  const encoded = await encodeOriginal(input, format, {
    maxPixels,
    losslessWebp: format === "webp" && isLosslessWebp(head),
    name,
  });
  // Hashing the re-encoded bytes makes the same picture with different metadata one asset, not two.
  const sha256 = createHash("sha256").update(encoded.bytes).digest("hex");
  const thumbnail = await makeThumbnail(encoded.bytes);
  return { original: { ...encoded, sha256 }, thumbnail };
}
