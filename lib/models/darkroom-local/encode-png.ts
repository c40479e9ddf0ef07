import "server-only";

import { frameInput } from "./decode-image";
import type { Frame } from "./types";

/** Hue step between the variants of one image when the request asks for n > 1. */
export const VARIANT_HUE_STEP = 25;

/**
 * Encodes one result. Variant 0 is the edit as asked; variants 1.. turn the hue a little further each, so n > 1
 * yields distinct yet deterministic images (a hue turn leaves a grayscale result grey, which is fine).
 */
export async function encodePng(frame: Frame, variant: number): Promise<Buffer> {
  const pipeline = variant === 0 ? frameInput(frame) : frameInput(frame).modulate({ hue: variant * VARIANT_HUE_STEP });
  return pipeline.png({ compressionLevel: 6 }).toBuffer();
}
