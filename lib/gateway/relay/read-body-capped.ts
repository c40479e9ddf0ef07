import type { Dispatcher } from "undici";

export type UpstreamBody = Dispatcher.ResponseData["body"];

/** Stops reading an upstream body nobody needs; the AbortError undici then emits is expected. */
export function discardBody(body: UpstreamBody): void {
  body.on("error", () => {});
  body.destroy();
}

/**
 * The whole body, or null when it is (or announces itself) larger than `maxBytes`: then it is discarded as soon as
 * that is known, never buffered past the limit.
 */
export async function readBodyCapped(body: UpstreamBody, maxBytes: number, announced?: number): Promise<Buffer | null> {
  if (announced !== undefined && announced > maxBytes) {
    discardBody(body);
    return null;
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBytes) {
      discardBody(body);
      return null;
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
}
