import "server-only";

import sharp from "sharp";

import type { ImageInput } from "./detect-image-type";
import { corruptError, tooManyPixelsError } from "./image-rejected-error";

/** What sharp is given: a path is read by libvips itself, so a spilled file never has to sit in memory. */
export function sharpSource(input: ImageInput): Buffer | string {
  if ("path" in input) return input.path;
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/**
 * The canvas size declared in the header, checked against the pixel limit before any pixel is decoded: a
 * decompression bomb (a 20000 × 20000 PNG of one colour compresses to a few hundred KB) is refused here.
 * metadata() reads the header only; `limitInputPixels: false` lets us word the refusal ourselves.
 */
export async function readImageSize(
  input: ImageInput,
  maxPixels: number,
  name?: string,
): Promise<{ width: number; height: number }> {
  let width: number | undefined;
  let height: number | undefined;
  try {
    // For an animated GIF or WebP, height is one frame's: only the first frame is ever decoded.
    ({ width, height } = await sharp(sharpSource(input), { limitInputPixels: false, animated: false }).metadata());
  } catch (error) {
    throw corruptError(name, error);
  }
  if (!width || !height) throw corruptError(name);
  if (width * height > maxPixels) throw tooManyPixelsError(name, width, height, maxPixels);
  return { width, height };
}
