import "server-only";
import { env } from "@/lib/env";
import { runDarkroomLocal } from "@/lib/models/darkroom-local/run-darkroom-local";
import { LocalModelInputError } from "@/lib/models/darkroom-local/local-model-input-error";
import type { LocalChatRequest } from "@/lib/models/darkroom-local/types";
import { bytesResponse } from "../http/bytes-response";
import { createImageCollector } from "../images/create-image-collector";
import type { ImageExtractorOptions } from "../images/image-reference";
import { createChatStreamObserver } from "../sse/create-chat-stream-observer";
import { GatewayError } from "../gateway-error";
import { createConcurrencyLimit, type ConcurrencySlot } from "../limits/create-concurrency-limit";
import type { RelayInput, RelayOutcome, RelayResult } from "../relay/relay-types";
import { loadModelInputImage } from "./load-model-input-image";

const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" };

// darkroom-local runs on this process's CPUs (sharp's thread pool), so the process runs a few renders at a time.
const slots = createConcurrencyLimit(env.LOCAL_MAX_CONCURRENCY);

const deadlineMessage = () => `darkroom-local did not finish within ${env.LOCAL_TIMEOUT_MS / 1000} s.`;

/** Distinct results (a hue turn leaves a grey result unchanged), each handed to the capture like a data image. */
function countAndCapture(pngs: readonly Buffer[], capture: ImageExtractorOptions | undefined): number {
  const collector = createImageCollector(capture);
  for (const png of pngs) {
    const writer = collector.startData("image/png", "images");
    if (!writer) break;
    writer.write(png.toString("base64"));
    writer.finish();
  }
  return collector.images.length;
}

/**
 * darkroom-local behind the same contract as the upstream relay, so admission, settlement, usage records and
 * the studio treat both alike. Input problems are 400s before anything is committed. Once its inputs are
 * loaded, each call holds one of LOCAL_MAX_CONCURRENCY slots until its body is built or its stream ends: an API
 * call finding none free gets a 503 with Retry-After at once (nothing charged); a studio job
 * (`waitForCapacity`) waits for one.
 */
export async function runLocalCall(input: RelayInput): Promise<RelayResult> {
  const deadline = AbortSignal.timeout(env.LOCAL_TIMEOUT_MS);
  const signal = AbortSignal.any([input.signal, deadline]);
  // Taken once the inputs are loaded: fetching an input image is I/O, only the render needs a slot.
  const held: { slot: ConcurrencySlot | null } = { slot: null };
  const takeSlot = async () => {
    held.slot = input.waitForCapacity ? await slots.acquire(signal) : slots.tryAcquire();
    if (!held.slot) {
      throw new GatewayError("service_unavailable", "darkroom-local is busy with other requests. Please retry shortly.", { retryAfterSeconds: 2 });
    }
  };
  let result;
  try {
    result = await runDarkroomLocal(input.body as unknown as LocalChatRequest, {
      loadImage: loadModelInputImage,
      signal,
      maxOutputBytes: env.LOCAL_MAX_OUTPUT_BYTES,
      beforeRender: takeSlot,
    });
  } catch (error) {
    held.slot?.release();
    if (error instanceof LocalModelInputError) {
      throw new GatewayError("invalid_request", error.message, { param: error.param, code: error.code });
    }
    if (deadline.aborted && !input.signal.aborted) throw new GatewayError("upstream_timeout", deadlineMessage());
    throw error;
  }
  const slot = held.slot!;
  if (result.kind === "json") {
    slot.release();
    const outcome: RelayOutcome = {
      kind: "completed",
      usage: result.usage,
      images: countAndCapture(result.images, input.imageCapture),
      textChars: result.textChars,
      upstreamId: result.id,
      callerAborted: false,
    };
    const bytes = result.bytes;
    const response = bytesResponse(bytes, { headers: { "content-type": "application/json" } });
    return { response, outcome: Promise.resolve(outcome), bytes };
  }
  return streamLocal(result.stream, result.usage, input, { slot, deadline });
}

const encoder = new TextEncoder();

function streamLocal(
  source: ReadableStream<Uint8Array>,
  usage: RelayOutcome["usage"],
  input: RelayInput,
  run: { slot: ConcurrencySlot; deadline: AbortSignal },
): RelayResult {
  const { signal } = input;
  const observer = createChatStreamObserver({ images: input.imageCapture });
  let settle!: (outcome: RelayOutcome) => void;
  const outcome = new Promise<RelayOutcome>((resolve) => (settle = resolve));
  let finished = false;
  const finish = (callerAborted: boolean) => {
    if (finished) return;
    finished = true;
    run.slot.release();
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
          if (run.deadline.aborted && !signal.aborted) {
            // The model stops quietly when its signal aborts; the caller is told why the images stopped coming.
            const error = { error: { message: deadlineMessage(), type: "upstream_timeout", param: null, code: "upstream_timeout" } };
            const event = encoder.encode(`data: ${JSON.stringify(error)}\n\n`);
            observer.push(event);
            controller.enqueue(event);
          }
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
  // The render stops at the deadline (its signal aborts), so its slot is free for others even if this caller
  // never reads the end of the stream.
  run.deadline.addEventListener("abort", () => run.slot.release(), { once: true });
  return { response: new Response(body, { status: 200, headers: SSE_HEADERS }), outcome };
}
