import "server-only";

import { applyEditOp } from "./apply-edit-op";
import { decodeImage } from "./decode-image";
import { encodePng } from "./encode-png";
import { generateImage } from "./generate-image";
import type { InputImage } from "./load-input-images";
import type { EditOp, Frame } from "./types";

export type RenderPlan = {
  prompt: string;
  /** Empty: one image is generated from the prompt instead. */
  inputs: readonly InputImage[];
  ops: readonly EditOp[];
  /** Results per source image (the request's n). */
  variants: number;
};

export type RenderEvent = { type: "progress"; percent: number } | { type: "image"; png: Buffer };

/**
 * Rejects as soon as the signal aborts. A libvips call already running cannot be stopped, but nobody waits for
 * it any more, so a stream ends at once and the next step never starts.
 */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Does the work one stage at a time (decode, edit, encode per result), yielding progress after each stage
 * completes and each image as soon as it is encoded, so a consumer holds one result at a time.
 */
export async function* renderImages(plan: RenderPlan, signal: AbortSignal): AsyncGenerator<RenderEvent> {
  const sources = plan.inputs.length > 0 ? plan.inputs : [null];
  const totalStages = sources.length * (2 + plan.variants);
  let stagesDone = 0;
  let lastPercent = 0;
  function* progress(): Generator<RenderEvent> {
    stagesDone += 1;
    const percent = Math.floor((stagesDone * 100) / totalStages);
    if (percent > lastPercent) yield { type: "progress", percent };
    lastPercent = percent;
  }

  for (const source of sources) {
    let frame: Frame = source
      ? await unlessAborted(decodeImage(source), signal)
      : await unlessAborted(Promise.resolve().then(() => generateImage(plan.prompt)), signal);
    yield* progress();

    for (const op of plan.ops) frame = await unlessAborted(applyEditOp(frame, op), signal);
    yield* progress();

    for (let variant = 0; variant < plan.variants; variant++) {
      const png = await unlessAborted(encodePng(frame, variant), signal);
      yield* progress();
      yield { type: "image", png };
    }
  }
}
