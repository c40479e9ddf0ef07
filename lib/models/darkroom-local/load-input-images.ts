import "server-only";

import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";

import { LocalModelInputError } from "./local-model-input-error";
import type { ImageRef } from "./read-chat-input";
import type { LoadImage } from "./types";

/** A decompression bomb (a tiny file claiming a huge canvas) is refused before any pixel is decoded. */
export const MAX_INPUT_PIXELS = 40_000_000;
export const MAX_INPUT_IMAGES = 10;
// The formats the gateway contract allows in data: URLs. Sniffed from the bytes, never trusted from the URL:
// sharp would also open SVG, TIFF or PDF, which nobody asked it to parse here.
const SUPPORTED_MIME_TYPES = new Set(["image/png", "image/apng", "image/jpeg", "image/webp", "image/gif"]);

export type InputImage = { bytes: Buffer; width: number; height: number; number: number; param: string };

async function readBytes(ref: ImageRef, number: number, loadImage: LoadImage, signal: AbortSignal) {
  try {
    return await loadImage(ref.url, signal);
  } catch (error) {
    // The gateway loader's own errors (SSRF refusal, fetch failure) are its to map; only ours get the image number.
    if (!(error instanceof LocalModelInputError)) throw error;
    throw new LocalModelInputError(error.code, `image ${number}: ${error.message}`, ref.param, { cause: error });
  }
}

async function readHeader(bytes: Buffer, number: number, param: string) {
  const notSupported = (cause?: unknown) =>
    new LocalModelInputError(
      "unsupported_image",
      `image ${number} is not a supported image (PNG, JPEG, WebP or GIF)`,
      param,
      { cause },
    );
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed || !SUPPORTED_MIME_TYPES.has(sniffed.mime)) throw notSupported();
  try {
    // Header only: the pixel limit is checked below with a clearer message than sharp's.
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!width || !height) throw notSupported();
    return { width, height };
  } catch (error) {
    if (error instanceof LocalModelInputError) throw error;
    throw notSupported(error);
  }
}

/**
 * Loads every input image and checks its header (format, size) before anything is committed, so a bad image
 * answers 400 rather than failing inside a stream that already said 200.
 */
export async function loadInputImages(
  refs: readonly ImageRef[],
  loadImage: LoadImage,
  signal: AbortSignal,
): Promise<InputImage[]> {
  if (refs.length > MAX_INPUT_IMAGES) {
    throw new LocalModelInputError(
      "too_many_images",
      `darkroom-local edits at most ${MAX_INPUT_IMAGES} images per request; this one has ${refs.length}`,
    );
  }
  const images: InputImage[] = [];
  // One at a time: bounds memory and the number of fetches the gateway loader makes at once.
  for (const [index, ref] of refs.entries()) {
    signal.throwIfAborted();
    const number = index + 1;
    const bytes = await readBytes(ref, number, loadImage, signal);
    const { width, height } = await readHeader(bytes, number, ref.param);
    if (width * height > MAX_INPUT_PIXELS) {
      throw new LocalModelInputError(
        "image_too_large",
        `image ${number} is too large: ${width}×${height} pixels ` +
          `(darkroom-local accepts up to ${MAX_INPUT_PIXELS / 1_000_000} megapixels)`,
        ref.param,
      );
    }
    images.push({ bytes, width, height, number, param: ref.param });
  }
  return images;
}
