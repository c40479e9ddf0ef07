import "server-only";
import { buildUpstreamBody } from "./build-upstream-body";
import { createOutcomeLatch } from "./create-outcome-latch";
import { createSseWriter } from "./create-sse-writer";
import type { UpstreamCall } from "./create-upstream-call";
import { pumpUpstreamStream } from "./pump-upstream-stream";
import { discardBody } from "./read-body-capped";
import type { RelayConfig } from "./resolve-relay-config";
import type { RelayInput, RelayResult } from "./relay-types";
import { requestUpstream, type UpstreamResponse } from "./request-upstream";

const SSE_HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

/** Waits for the upstream's headers for at most `commitMs`: the response, or "window" when the time ran out. */
async function waitForHeaders(upstream: Promise<UpstreamResponse>, commitMs: number): Promise<UpstreamResponse | "window"> {
  let timer: NodeJS.Timeout | undefined;
  const window = new Promise<"window">((resolve) => (timer = setTimeout(() => resolve("window"), commitMs)));
  try {
    return await Promise.race([upstream, window]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A stream request. Before the commit (an upstream 200, or `commitMs` without headers) failures reject: a
 * GatewayError with the table's status, or an AbortError when the caller left. After it, the 200 stands and
 * failures become one error event; the outcome tells settlement what happened.
 */
export async function relayStream(input: RelayInput, config: RelayConfig, call: UpstreamCall): Promise<RelayResult> {
  const upstream = requestUpstream(call, config, buildUpstreamBody(input), "sse");
  let first: UpstreamResponse | "window";
  try {
    first = await waitForHeaders(upstream, config.commitMs);
    if (call.cause) {
      if (first !== "window") discardBody(first.body);
      throw call.abortError();
    }
  } catch (err) {
    upstream.then((late) => discardBody(late.body), () => {});
    call.dispose();
    throw err;
  }

  const latch = createOutcomeLatch();
  const { stream, writer } = createSseWriter(config.keepAliveMs, () => call.abort("caller"));
  pumpUpstreamStream({ input, call, writer, upstream, settle: latch.settle }).catch((err: unknown) => {
    // Unreachable by design (the pump settles on every path); the outcome must resolve regardless.
    writer.close();
    latch.settle({ kind: "failed", usage: null, images: 0, textChars: 0, upstreamId: null, callerAborted: false, reason: String(err) });
  });
  return { response: new Response(stream, { status: 200, headers: SSE_HEADERS }), outcome: latch.promise };
}
