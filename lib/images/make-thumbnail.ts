import "server-only";

import sharp from "sharp";

export interface Thumbnail {
  bytes: Buffer;
  width: number;
  height: number;
}

export const THUMBNAIL_BOX = 512;
/** Gallery pages load dozens of these at once; the benchmark holds every thumbnail to this. */
export const THUMBNAIL_MAX_BYTES = 40 * 1024;
const QUALITIES = [80, 68, 56, 44];
const SHRINK = 0.75;
const MIN_SIDE = 64;

/**
 * A WebP that fits inside 512 × 512 (never enlarged) and weighs at most 40 KB. Most images fit at the first
 * quality; detailed ones (noise, foliage, text) step the quality down, then the size, until they do. The
 * pixels are resized once to raw and then only re-encoded, so each attempt costs an encode, not a decode.
 */
export async function makeThumbnail(image: Buffer): Promise<Thumbnail> {
  let { data, info } = await sharp(image, { limitInputPixels: false, failOn: "error" })
    .resize({ width: THUMBNAIL_BOX, height: THUMBNAIL_BOX, fit: "inside", withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (;;) {
    const raw = { width: info.width, height: info.height, channels: info.channels };
    let smallest: Buffer | undefined;
    for (const quality of QUALITIES) {
      smallest = await sharp(data, { raw }).webp({ quality }).toBuffer();
      if (smallest.length <= THUMBNAIL_MAX_BYTES) return { bytes: smallest, width: info.width, height: info.height };
    }
    const longest = Math.max(info.width, info.height);
    // At 64 px on the long side a WebP is a few KB whatever it shows; the floor only bounds the loop.
    if (longest <= MIN_SIDE) return { bytes: smallest!, width: info.width, height: info.height };
    const target = Math.max(MIN_SIDE, Math.round(longest * SHRINK));
    ({ data, info } = await sharp(data, { raw })
      .resize({ width: target, height: target, fit: "inside" })
      .raw()
      .toBuffer({ resolveWithObject: true }));
  }
}
