import "server-only";
import { GatewayError, isGatewayError } from "@/lib/gateway/gateway-error";
import { createChatStreamObserver, type ChatStreamObserver } from "@/lib/gateway/sse/create-chat-stream-observer";
import { createSseModelRewriter } from "@/lib/gateway/sse/create-model-rewriter";
import { formatDone, formatErrorEvent } from "@/lib/gateway/sse/format-sse";
import { brokeOff, classifyUpstreamError } from "./classify-upstream-failure";
import { buildStreamOutcome, hasBillableOutput } from "./build-stream-outcome";
import type { SseWriter } from "./create-sse-writer";
import { restartingError, type UpstreamCall } from "./create-upstream-call";
import { createUsageEventFilter } from "./create-usage-event-filter";
import type { RelayInput, RelayOutcome } from "./relay-types";
import type { UpstreamResponse } from "./request-upstream";

export interface StreamPump {
  input: RelayInput;
  call: UpstreamCall;
  writer: SseWriter;
  /** The upstream's answer; still pending when the commit window passed without headers. */
  upstream: Promise<UpstreamResponse>;
  settle(outcome: RelayOutcome): void;
}

/** The error event for a committed stream that cannot finish. */
function streamError(err: unknown, call: UpstreamCall): GatewayError {
  if (call.cause === "deadline") return new GatewayError("upstream_timeout", "The upstream provider did not finish in time.");
  if (call.cause === "shutdown") return restartingError();
  if (isGatewayError(err)) return err; // the upstream failed (after retries) after the window passed
  const failure = classifyUpstreamError(err);
  if (failure.error.kind === "upstream_timeout") return failure.error; // idle: silence past UPSTREAM_IDLE_TIMEOUT_MS
  return brokeOff(err);
}

/** Ends a stream that ran to the upstream's end (or its `[DONE]`, or its error event). */
function finishStream(observer: ChatStreamObserver, writer: SseWriter): RelayOutcome {
  if (observer.error) {
    // Relayed as the upstream sent it; no [DONE] after an error.
    writer.close();
    return buildStreamOutcome(observer, hasBillableOutput(observer) ? "cut" : "failed", { reason: "upstream error event" });
  }
  if (observer.events === 0) {
    const error = new GatewayError("upstream_error", "The upstream provider sent an empty stream.");
    writer.writeEvent(formatErrorEvent(error));
    writer.close();
    return buildStreamOutcome(observer, "failed", { reason: error.message });
  }
  if (!observer.done) writer.writeEvent(formatDone()); // the caller's stream always ends in [DONE] on success
  writer.close();
  return buildStreamOutcome(observer, "completed");
}

/**
 * Relays a committed stream: upstream bytes go to the caller as they arrive (only the `model` rewritten, and the
 * usage-only event cut out unless the caller asked for it), and a copy goes to the observer afterwards, so its
 * parsing never delays the caller. Settles exactly once on every path. An event the upstream never finished is
 * not counted (on failure the observer is cut, not flushed).
 */
export async function pumpUpstreamStream({ input, call, writer, upstream, settle }: StreamPump): Promise<void> {
  // Images are hashed and counted; their bytes are dropped unless the caller captures them.
  const observer = createChatStreamObserver({ images: input.imageCapture });
  const filter = input.callerWantsUsage ? null : createUsageEventFilter();
  const rewriter = createSseModelRewriter(input.publicModel);
  const forward = (pieces: Uint8Array[]) => {
    for (const piece of pieces) writer.write(rewriter.push(piece));
  };
  try {
    const { body } = await upstream;
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      forward(filter ? filter.push(chunk) : [chunk]);
      observer.push(chunk);
      if (observer.done || observer.error) break; // nothing after these is the caller's business
      await writer.demand(call.signal);
      if (call.cause) break;
    }
    if (call.cause) throw call.abortError();
    if (filter) forward(filter.end());
    writer.write(rewriter.end());
    observer.end();
    settle(finishStream(observer, writer));
  } catch (err) {
    observer.cut();
    const kind = hasBillableOutput(observer) ? "cut" : "failed";
    if (call.cause === "caller") {
      writer.close();
      settle(buildStreamOutcome(observer, kind, { callerAborted: true, reason: "caller disconnected" }));
      return;
    }
    const error = streamError(err, call);
    writer.writeEvent(formatErrorEvent(error));
    writer.close();
    settle(buildStreamOutcome(observer, kind, { reason: error.message }));
  } finally {
    call.dispose();
  }
}
