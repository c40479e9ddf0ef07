import "server-only";

import type { ImageReference } from "@/lib/gateway/images/image-reference";
import { OutboundFetchError } from "@/lib/net/outbound-errors";
import { safeFetchStream } from "@/lib/net/safe-fetch";

import { tooLargeError } from "./image-rejected-error";

export interface ReadModelOutputImageOptions {
  /** Pass `env.OUTBOUND_ALLOW_HOSTS`. */
  allowHosts: readonly string[];
  /** Pass `env.UPLOAD_MAX_BYTES`: results are held to the same limit as uploads. */
  maxBytes: number;
  signal?: AbortSignal;
  /** Whole fetch, redirects and body included. Default 30 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The raw bytes of one image a model returned, not yet validated: run `processImage` on them next. A URL is
 * fetched only through the outbound guard (refused destinations throw OutboundBlockedError), capped in size
 * and time; anything but a 2xx answer is an OutboundFetchError.
 *
 * A data image needs its bytes kept on the reference (`keepData`); for large results prefer spilling them to
 * disk with `createDataSpill` and passing `{ path }` to `processImage`.
 */
export async function readModelOutputImage(ref: ImageReference, options: ReadModelOutputImageOptions): Promise<Buffer> {
  if (ref.kind === "data") {
    if (ref.byteLength > options.maxBytes) throw tooLargeError(undefined, ref.byteLength, options.maxBytes);
    if (!ref.bytes) {
      throw new Error("readModelOutputImage: this data image kept no bytes (extract with keepData, or use createDataSpill)");
    }
    return Buffer.from(ref.bytes.buffer, ref.bytes.byteOffset, ref.bytes.byteLength);
  }
  try {
    const res = await safeFetchStream(ref.url, {
      maxBytes: options.maxBytes,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      allowHosts: options.allowHosts,
      signal: options.signal,
      headers: { accept: "image/png, image/jpeg, image/webp, image/gif;q=0.9, */*;q=0.1" },
    });
    if (res.status < 200 || res.status > 299) {
      res.cancel(); // an error page is not worth reading
      throw new OutboundFetchError("network", `Result image URL answered HTTP ${res.status}`);
    }
    const chunks: Uint8Array[] = [];
    for await (const chunk of res.body) chunks.push(chunk);
    return Buffer.concat(chunks);
  } catch (error) {
    // Over the limit is the same refusal an upload gets; the size is unknown once the cap cut the body short.
    if (error instanceof OutboundFetchError && error.code === "too_large") {
      throw tooLargeError(undefined, undefined, options.maxBytes);
    }
    throw error;
  }
}
