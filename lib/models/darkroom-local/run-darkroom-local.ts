import "server-only";

import { buildReplyText, newCompletionMeta } from "./build-completion";
import { buildCompletionBytes } from "./build-completion-bytes";
import { buildLocalUsage } from "./count-local-tokens";
import { decodeDataUrl } from "./decode-data-url";
import { loadInputImages } from "./load-input-images";
import { LocalModelInputError } from "./local-model-input-error";
import { createOutputBudget, DEFAULT_MAX_OUTPUT_BYTES } from "./output-budget";
import { matchEditOps, parseEditOps } from "./parse-edit-ops";
import { readChatInput } from "./read-chat-input";
import { renderImages, type RenderPlan } from "./render-images";
import { streamCompletion } from "./stream-completion";
import type { LoadImage, LocalChatRequest, LocalUsage } from "./types";

/** The contract's own bound on n; also caps inputs × n, the number of images one request can make. */
export const MAX_OUTPUT_IMAGES = 10;

export type RunDarkroomLocalOptions = {
  /** Defaults to decoding `data:` URLs only; the gateway passes one that also reads stored assets and http(s). */
  loadImage?: LoadImage;
  /** Aborts loading, rendering and the stream (the caller disconnected, or the gateway gave up). */
  signal: AbortSignal;
  /** Told about unexpected failures once a stream is under way (they reach the caller only as a generic event). */
  onError?: (error: unknown) => void;
  /**
   * Response bytes the results may take (see output-budget.ts). Crossing it rejects a JSON result with
   * LocalModelInputError `output_too_large`, or ends a stream with that error event after the images that fit.
   */
  maxOutputBytes?: number;
  /** Awaited once the inputs are loaded and checked, before any pixel work (the gateway takes a render slot here). */
  beforeRender?: () => Promise<void>;
};

/**
 * `usage` is known before any pixel is touched: the gateway may settle from it without scanning the stream. A
 * JSON result is its body's bytes (a `chat.completion`), built once, and the PNGs it carries.
 */
export type DarkroomLocalResult =
  | { kind: "json"; bytes: Buffer; id: string; images: readonly Buffer[]; textChars: number; usage: LocalUsage }
  | { kind: "stream"; stream: ReadableStream<Uint8Array>; usage: LocalUsage };

function variantsOf(n: number | null | undefined): number {
  const variants = n ?? 1;
  if (!Number.isInteger(variants) || variants < 1 || variants > MAX_OUTPUT_IMAGES) {
    throw new LocalModelInputError("too_many_images", `n must be an integer from 1 to ${MAX_OUTPUT_IMAGES}`, "n");
  }
  return variants;
}

/**
 * Runs darkroom-local on an already-validated chat-completions body. Input problems (unreadable or oversized
 * images, too many results) reject with LocalModelInputError before a stream is returned, so they answer 400.
 * Rejects with the signal's reason when aborted before the result is ready.
 */
export async function runDarkroomLocal(
  body: LocalChatRequest,
  options: RunDarkroomLocalOptions,
): Promise<DarkroomLocalResult> {
  const { signal } = options;
  signal.throwIfAborted();
  const { prompt, images: refs } = readChatInput(body);
  const variants = variantsOf(body.n);
  const results = Math.max(1, refs.length) * variants;
  if (results > MAX_OUTPUT_IMAGES) {
    throw new LocalModelInputError(
      "too_many_images",
      `this request would make ${results} images (${refs.length} input images × n=${variants}); ` +
        `darkroom-local makes at most ${MAX_OUTPUT_IMAGES}`,
      "n",
    );
  }
  const inputs = await loadInputImages(refs, options.loadImage ?? decodeDataUrl, signal);
  await options.beforeRender?.();

  // A generated image is already new; the default look is only there to make an edit visible.
  const named = matchEditOps(prompt);
  const ops = inputs.length > 0 ? parseEditOps(prompt) : named;
  const replyText = buildReplyText({
    ops,
    usedDefault: inputs.length > 0 && named.length === 0,
    inputCount: inputs.length,
    variants,
  });
  const usage = buildLocalUsage(body.messages, replyText, results);
  const plan: RenderPlan = { prompt, inputs, ops, variants };
  const meta = newCompletionMeta();
  const budget = createOutputBudget(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);

  if (body.stream) {
    const includeUsage = body.stream_options?.include_usage === true;
    const stream = streamCompletion({ meta, plan, replyText, usage, includeUsage, signal, onError: options.onError, budget });
    return { kind: "stream", stream, usage };
  }

  const pngs: Buffer[] = [];
  for await (const event of renderImages(plan, signal)) {
    if (event.type !== "image") continue;
    budget.spend(event.png);
    pngs.push(event.png);
  }
  const bytes = buildCompletionBytes(meta, replyText, pngs, usage);
  return { kind: "json", bytes, id: meta.id, images: pngs, textChars: replyText.length, usage };
}
