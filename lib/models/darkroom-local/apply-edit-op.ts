import "server-only";

import type { Sharp } from "sharp";

import { MAX_OUTPUT_SIDE, frameInput, toFrame } from "./decode-image";
import type { EditOp, Frame } from "./types";

type Matrix3 = [[number, number, number], [number, number, number], [number, number, number]];
type Rgb = [number, number, number];

// Rec. 709 luma: a grayscale that keeps three equal channels (sharp's greyscale() drops to one channel).
const LUMA: Rgb = [0.2126, 0.7152, 0.0722];
const GRAYSCALE: Matrix3 = [LUMA, LUMA, LUMA];
// The classic sepia matrix: each row is smaller than the one above, so red ≥ green ≥ blue.
const SEPIA: Matrix3 = [
  [0.393, 0.769, 0.189],
  [0.349, 0.686, 0.168],
  [0.272, 0.534, 0.131],
];
export const DUOTONE_DARK: Rgb = [38, 20, 110];
export const DUOTONE_LIGHT: Rgb = [255, 140, 70];
const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

const perChannel = (value: number): Rgb => [value, value, value];

// sharp builds one fixed-order pipeline per instance (a second blur replaces the first, rotate always runs
// before resize), so each op gets its own instance over raw pixels and ops run in exactly the prompt's order.
function pipelineFor(frame: Frame, op: Exclude<EditOp, { kind: "pixelate" }>): Sharp {
  const input = frameInput(frame);
  switch (op.kind) {
    case "grayscale":
      return input.recomb(GRAYSCALE);
    case "invert":
      return input.negate({ alpha: false });
    case "blur":
      return input.blur(op.sigma);
    case "sharpen":
      return input.sharpen({ sigma: 1.5, m2: 3 });
    case "rotate":
      // Right angles move pixels exactly; any other angle needs corners, filled transparent.
      return op.degrees % 90 === 0
        ? input.rotate(op.degrees)
        : input.ensureAlpha().rotate(op.degrees, { background: TRANSPARENT });
    case "flip":
      return input.flip();
    case "mirror":
      return input.flop();
    case "sepia":
      return input.recomb(SEPIA);
    case "brightness":
      return input.modulate({ brightness: op.factor });
    case "contrast":
      // Stretch around mid-grey; arrays leave the alpha channel alone.
      return input.linear(perChannel(op.factor), perChannel(128 * (1 - op.factor)));
    case "temperature":
      return op.tone === "warm" ? input.linear([1.1, 1.02, 0.85], [12, 4, 0]) : input.linear([0.85, 1, 1.1], [0, 4, 14]);
    case "resize":
      return input.resize({ width: op.width, height: op.height, fit: "inside", withoutEnlargement: true });
    case "duotone": {
      // Luma mapped from the dark colour (black) to the light one (white), per channel.
      const rows = DUOTONE_DARK.map((dark, c) => LUMA.map((w) => (w * (DUOTONE_LIGHT[c]! - dark)) / 255)) as Matrix3;
      return input.recomb(rows).linear([1, 1, 1], DUOTONE_DARK);
    }
    case "border": {
      const width = Math.max(2, Math.round(Math.min(frame.width, frame.height) * 0.025));
      const [r, g, b] = DUOTONE_DARK;
      return input.extend({ top: width, bottom: width, left: width, right: width, background: { r, g, b, alpha: 1 } });
    }
  }
}

// Two passes: sharp resizes once per pipeline.
async function pixelate(frame: Frame, block: number): Promise<Frame> {
  const small = await toFrame(
    frameInput(frame).resize({
      width: Math.max(1, Math.round(frame.width / block)),
      height: Math.max(1, Math.round(frame.height / block)),
      fit: "fill",
    }),
  );
  return toFrame(frameInput(small).resize({ width: frame.width, height: frame.height, fit: "fill", kernel: "nearest" }));
}

/** A turn by 45° grows the canvas by √2; twelve of them must not grow it 64-fold, so every step is bounded. */
async function fitWithinBounds(frame: Frame): Promise<Frame> {
  if (frame.width <= MAX_OUTPUT_SIDE && frame.height <= MAX_OUTPUT_SIDE) return frame;
  return toFrame(frameInput(frame).resize({ width: MAX_OUTPUT_SIDE, height: MAX_OUTPUT_SIDE, fit: "inside" }));
}

export async function applyEditOp(frame: Frame, op: EditOp): Promise<Frame> {
  const result = op.kind === "pixelate" ? await pixelate(frame, op.block) : await toFrame(pipelineFor(frame, op));
  return fitWithinBounds(result);
}
