// Human words for edit steps: the reply text of the model and the studio's preview share them.
import type { EditOp } from "./types";

export function describeEditOp(op: EditOp): string {
  switch (op.kind) {
    case "grayscale":
      return "grayscale";
    case "invert":
      return "invert";
    case "blur":
      return `blur ${op.sigma}`;
    case "sharpen":
      return "sharpen";
    case "rotate":
      return `rotate ${op.degrees}°`;
    case "flip":
      return "flip (top-bottom)";
    case "mirror":
      return "mirror (left-right)";
    case "sepia":
      return "sepia";
    case "brightness":
      return op.factor >= 1 ? "brighten" : "darken";
    case "contrast":
      return op.factor >= 1 ? "more contrast" : "less contrast";
    case "temperature":
      return op.tone;
    case "pixelate":
      return `pixelate ${op.block}`;
    case "resize":
      return op.width === op.height ? `resize to fit ${op.width} px` : `resize to fit ${op.width}×${op.height}`;
    case "duotone":
      return "duotone";
    case "border":
      return "border";
  }
}

export function describeEditOps(ops: readonly EditOp[]): string {
  return ops.map(describeEditOp).join(" → ");
}
