import "server-only";
import { runDarkroomLocal } from "@/lib/models/darkroom-local/run-darkroom-local";
import { LocalModelInputError } from "@/lib/models/darkroom-local/local-model-input-error";
import type { LocalChatRequest } from "@/lib/models/darkroom-local/types";
import { extractImagesFromCompletion } from "../images/extract-images-from-completion";
import { createChatStreamObserver } from "../sse/create-chat-stream-observer";
import { GatewayError } from "../gateway-error";
import type { RelayInput, RelayOutcome, RelayResult } from "../relay/relay-types";
import { loadModelInputImage } from "./load-model-input-image";

const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" };

/**
 * darkroom-local behind the same contract as the upstream relay, so admission, settlement, usage records and
 * the studio treat both alike. Input problems are 400s before anything is committed.
 */
export async function runLocalCall(input: RelayInput): Promise<RelayResult> {
  let result;
  try {
    result = await runDarkroomLocal(input.body as unknown as LocalChatRequest, { loadImage: loadModelInputImage, signal: input.signal });
  } catch (error) {
    if (error instanceof LocalModelInputError) {
      throw new GatewayError("invalid_request", error.message, { param: error.param, code: error.code });
    }
    throw error;
  }
  if (result.kind === "json") {
    const images = extractImagesFromCompletion(result.body, input.imageCapture).length;
    const text = result.body.choices[0]?.message.content;
    const outcome: RelayOutcome = {
      kind: "completed",
      usage: result.usage,
      images,
      textChars: typeof text === "string" ? text.length : 0,
      upstreamId: result.body.id,
      callerAborted: false,
    };
    return { response: Response.json(result.body), outcome: Promise.resolve(outcome) };
  }
  return streamLocal(result.stream, result.usage, input);
}

function streamLocal(source: ReadableStream<Uint8Array>, usage: RelayOutcome["usage"], input: RelayInput): RelayResult {
  const { signal } = input;
  const observer = createChatStreamObserver({ images: input.imageCapture });
  let settle!: (outcome: RelayOutcome) => void;
  const outcome = new Promise<RelayOutcome>((resolve) => (settle = resolve));
  let finished = false;
  const finish = (callerAborted: boolean) => {
    if (finished) return;
    finished = true;
    observer.end();
    const complete = observer.done && !observer.error;
    const produced = observer.images.length > 0;
    settle({
      kind: complete ? "completed" : produced ? "cut" : "failed",
      usage: complete || produced ? usage : null,
      images: observer.images.length,
      textChars: observer.textChars,
      upstreamId: observer.id ?? null,
      callerAborted,
      reason: complete ? undefined : callerAborted ? "caller disconnected" : "stream ended early",
    });
  };
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          finish(false);
          return;
        }
        observer.push(value);
        controller.enqueue(value);
      } catch (error) {
        controller.error(error);
        finish(signal.aborted);
      }
    },
    async cancel(reason) {
      await reader.cancel(reason).catch(() => {});
      finish(true);
    },
  });
  signal.addEventListener("abort", () => finish(true), { once: true });
  return { response: new Response(body, { status: 200, headers: SSE_HEADERS }), outcome };
}
