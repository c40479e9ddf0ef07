import "server-only";

import sharp, { type Sharp } from "sharp";

import { MAX_INPUT_PIXELS, type InputImage } from "./load-input-images";
import { LocalModelInputError } from "./local-model-input-error";
import type { Frame } from "./types";

/** Bounds the work of every later step and the size of the PNG sent back. */
export const MAX_OUTPUT_SIDE = 2048;

/** Raw pixels out of sharp as a Frame; sharp only hands back 3 or 4 channels once the data is sRGB. */
export async function toFrame(pipeline: Sharp): Promise<Frame> {
  const { data, info } = await pipeline.raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 && info.channels !== 4) {
    throw new Error(`darkroom-local expected 3 or 4 channels, got ${info.channels}`);
  }
  return { data, width: info.width, height: info.height, channels: info.channels };
}

export function frameInput(frame: Frame): Sharp {
  return sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: frame.channels } });
}

/** Decodes the first frame, applies EXIF orientation and shrinks it to fit MAX_OUTPUT_SIDE. */
export async function decodeImage(image: InputImage): Promise<Frame> {
  // limitInputPixels again here: the header was checked, but this is what stops libvips if a header lied.
  const pipeline = sharp(image.bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", animated: false })
    .autoOrient()
    .resize({ width: MAX_OUTPUT_SIDE, height: MAX_OUTPUT_SIDE, fit: "inside", withoutEnlargement: true })
    .toColourspace("srgb");
  try {
    return await toFrame(pipeline);
  } catch (error) {
    throw new LocalModelInputError(
      "unsupported_image",
      `image ${image.number} could not be decoded (it may be truncated or corrupt)`,
      image.param,
      { cause: error },
    );
  }
}
