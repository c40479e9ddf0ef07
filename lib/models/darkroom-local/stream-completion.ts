import "server-only";

import {
  buildChunk,
  buildUsageChunk,
  imageMarkdown,
  imagePart,
  toDataUrl,
  type CompletionMeta,
} from "./build-completion";
import { LocalModelInputError } from "./local-model-input-error";
import type { OutputBudget } from "./output-budget";
import { renderImages, type RenderPlan } from "./render-images";
import type { LocalUsage } from "./types";

export type StreamOptions = {
  meta: CompletionMeta;
  plan: RenderPlan;
  replyText: string;
  usage: LocalUsage;
  includeUsage: boolean;
  signal: AbortSignal;
  onError?: (error: unknown) => void;
  budget: OutputBudget;
};

const encoder = new TextEncoder();
const sse = (payload: unknown) => encoder.encode(`data: ${JSON.stringify(payload)}\n\n`);

function errorEvent(error: unknown) {
  // After the 200 is committed an error travels as one event, then the stream closes without [DONE].
  if (error instanceof LocalModelInputError) {
    return { error: { message: error.message, type: error.type, param: error.param, code: error.code } };
  }
  return { error: { message: "darkroom-local failed to render the image", type: "server_error", param: null, code: null } };
}

async function* sseEvents(options: StreamOptions, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  const { meta, plan, replyText, usage } = options;
  yield sse(buildChunk(meta, { role: "assistant", content: "" }));
  let textSent = false;
  for await (const event of renderImages(plan, signal)) {
    if (event.type === "progress") {
      yield sse(buildChunk(meta, { content: `> progress **${event.percent}%**\n\n` }));
      continue;
    }
    options.budget.spend(event.png); // over budget: the error event follows the images that fit
    const dataUrl = toDataUrl(event.png);
    // The reply's words ride with the first image, so the assembled content reads like the non-stream reply.
    const content = `${textSent ? "" : `${replyText}\n\n`}${imageMarkdown(dataUrl)}\n\n`;
    textSent = true;
    yield sse(buildChunk(meta, { content, images: [imagePart(dataUrl)] }));
  }
  yield sse(buildChunk(meta, {}, "stop"));
  if (options.includeUsage) yield sse(buildUsageChunk(meta, usage));
  yield encoder.encode("data: [DONE]\n\n");
}

/**
 * SSE bytes, produced on demand: each read runs the next stage, so a slow reader is not buffered ahead of.
 * Aborting the signal or cancelling the stream stops the work and ends the stream without [DONE].
 */
export function streamCompletion(options: StreamOptions): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  const events = sseEvents(options, signal);

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        // Cancelled while this stage ran: the controller no longer takes anything.
        if (stop.signal.aborted) return;
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        if (stop.signal.aborted) return;
        if (signal.aborted) {
          controller.close();
          return;
        }
        if (!(error instanceof LocalModelInputError)) options.onError?.(error);
        controller.enqueue(sse(errorEvent(error)));
        controller.close();
      }
    },
    async cancel() {
      stop.abort();
      await events.return(undefined);
    },
  });
}
