import "server-only";

import sharp, { type Sharp } from "sharp";

import type { ImageFormat, ImageInput } from "./detect-image-type";
import { corruptError } from "./image-rejected-error";
import { sharpSource } from "./read-image-size";

export type StoredMime = "image/png" | "image/jpeg" | "image/webp";

export interface EncodedOriginal {
  bytes: Buffer;
  mime: StoredMime;
  ext: "png" | "jpg" | "webp";
  width: number;
  height: number;
}

export const JPEG_QUALITY = 90;
export const WEBP_QUALITY = 90;

function encode(pipeline: Sharp, format: ImageFormat, losslessWebp: boolean): [Sharp, StoredMime, EncodedOriginal["ext"]] {
  switch (format) {
    case "jpeg":
      return [pipeline.jpeg({ quality: JPEG_QUALITY }), "image/jpeg", "jpg"];
    case "webp":
      return [pipeline.webp(losslessWebp ? { lossless: true } : { quality: WEBP_QUALITY }), "image/webp", "webp"];
    // A GIF keeps only its first frame, which PNG holds without loss (transparency included).
    case "png":
    case "gif":
      return [pipeline.png(), "image/png", "png"];
  }
}

/**
 * Decodes and re-encodes the image in its own format (a GIF becomes a PNG of its first frame). Nothing of the
 * input's metadata survives: sharp writes no EXIF, GPS, XMP or IPTC unless asked to. The EXIF orientation is
 * applied to the pixels first, so the image looks as it did. An embedded ICC profile is used to convert the
 * pixels to sRGB and is then dropped (untagged output is read as sRGB everywhere).
 */
export async function encodeOriginal(
  input: ImageInput,
  format: ImageFormat,
  options: { maxPixels: number; losslessWebp: boolean; name?: string },
): Promise<EncodedOriginal> {
  // The header was checked already; limitInputPixels is the backstop should a decoder find more than it said.
  // failOn "error" refuses truncated data yet accepts the harmless warnings common in camera JPEGs.
  const pipeline = sharp(sharpSource(input), {
    limitInputPixels: options.maxPixels,
    failOn: "error",
    animated: false,
  }).autoOrient();
  const [encoder, mime, ext] = encode(pipeline, format, options.losslessWebp);
  try {
    const { data, info } = await encoder.toBuffer({ resolveWithObject: true });
    return { bytes: data, mime, ext, width: info.width, height: info.height };
  } catch (error) {
    throw corruptError(options.name, error);
  }
}
