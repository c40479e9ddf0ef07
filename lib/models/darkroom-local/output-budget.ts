// The response darkroom-local builds holds every result twice (the markdown in `content` and the `images` array),
// base64-encoded: a 2048² photo of noise is ~17 MB of base64, so ten of them made a ~340 MB body. The budget is
// counted in those response bytes, image by image as each is encoded, and refuses the image that would cross it.
import { LocalModelInputError } from "./local-model-input-error";

/** Same order as the relay's cap on an upstream's non-stream body (64 MiB). */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

const DATA_URL_PREFIX_LENGTH = "data:image/png;base64,".length;
// `![result](…)\n\n` in content and `{"type":"image_url","image_url":{"url":"…"}}` in images, rounded up.
const WRAPPER_BYTES = 96;

/** Response bytes one PNG adds: its data URL twice, plus the JSON and markdown around it. */
export function responseBytesFor(pngBytes: number): number {
  return 2 * (DATA_URL_PREFIX_LENGTH + 4 * Math.ceil(pngBytes / 3)) + WRAPPER_BYTES;
}

export type OutputBudget = { spend(png: Buffer): void };

export function createOutputBudget(maxBytes: number): OutputBudget {
  let used = 0;
  let images = 0;
  return {
    spend(png) {
      const cost = responseBytesFor(png.length);
      if (used + cost > maxBytes) {
        const mb = (bytes: number) => `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
        throw new LocalModelInputError(
          "output_too_large",
          `the results would exceed darkroom-local's output budget of ${mb(maxBytes)} ` +
            `(${images} image${images === 1 ? "" : "s"} made ${mb(used)}, the next adds ${mb(cost)}); ` +
            `ask for fewer results (n) or smaller ones (e.g. "resize to 1024")`,
          "n",
        );
      }
      used += cost;
      images += 1;
    },
  };
}
