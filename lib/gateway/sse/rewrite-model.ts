import { concatBytes } from "./concat-bytes";
import { createJsonModelRewriter, createSseModelRewriter, type ModelRewriter } from "./create-model-rewriter";

/** Rewrites the top-level `model` of a complete non-stream JSON body; other bytes are kept exactly. */
export function rewriteModelInJson(body: Uint8Array, publicModel: string): Uint8Array {
  const rewriter = createJsonModelRewriter(publicModel);
  const head = rewriter.push(body);
  const tail = rewriter.end();
  return tail.length === 0 ? head : concatBytes([head, tail]);
}

/** Rewrites the `model` of one SSE event's data (a string, as the scanner gives it). */
export function rewriteModelInEventData(data: string, publicModel: string): string {
  const bytes = rewriteModelInJson(new TextEncoder().encode(data), publicModel);
  return new TextDecoder().decode(bytes);
}

/**
 * A web TransformStream for the relay: `format` "sse" for stream responses, "json" for non-stream bodies. Empty
 * outputs (while a `model` string is held back) are not enqueued.
 */
export function createModelRewriteStream(
  publicModel: string,
  format: "sse" | "json",
): TransformStream<Uint8Array, Uint8Array> {
  const rewriter: ModelRewriter =
    format === "sse" ? createSseModelRewriter(publicModel) : createJsonModelRewriter(publicModel);
  return new TransformStream({
    transform(chunk, controller) {
      const out = rewriter.push(chunk);
      if (out.length > 0) controller.enqueue(out);
    },
    flush(controller) {
      const out = rewriter.end();
      if (out.length > 0) controller.enqueue(out);
    },
  });
}
