import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { describeOutboundFailure } from "@/lib/net/describe-outbound-failure";
import { safeFetch } from "@/lib/net/safe-fetch";
import { decodeDataUrl } from "@/lib/models/darkroom-local/decode-data-url";
import { LocalModelInputError } from "@/lib/models/darkroom-local/local-model-input-error";

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * How darkroom-local reads a request's image: data: URLs decoded in place, http(s) URLs fetched only through
 * the outbound guard (no private addresses, size and time capped).
 */
export async function loadModelInputImage(url: string, signal: AbortSignal): Promise<Buffer> {
  if (url.startsWith("data:")) return decodeDataUrl(url);
  let response: Awaited<ReturnType<typeof safeFetch>>;
  try {
    response = await safeFetch(url, { maxBytes: MAX_IMAGE_BYTES, timeoutMs: 20_000, allowHosts: env.OUTBOUND_ALLOW_HOSTS, signal });
  } catch (error) {
    // The detail (address, port, resolver error) is for our logs only; the caller gets the kind of failure.
    logger.info({ err: error instanceof Error ? error.message : String(error) }, "input image not fetched");
    throw new LocalModelInputError("invalid_image_url", describeOutboundFailure(error), "messages");
  }
  if (response.status < 200 || response.status >= 300) {
    throw new LocalModelInputError("invalid_image_url", describeOutboundFailure(null, response.status), "messages");
  }
  return Buffer.from(response.body);
}
