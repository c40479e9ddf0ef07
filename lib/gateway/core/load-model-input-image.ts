import "server-only";
import { env } from "@/lib/env";
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
  try {
    const response = await safeFetch(url, { maxBytes: MAX_IMAGE_BYTES, timeoutMs: 20_000, allowHosts: env.OUTBOUND_ALLOW_HOSTS, signal });
    if (response.status < 200 || response.status >= 300) {
      throw new LocalModelInputError("invalid_image_url", `image URL answered HTTP ${response.status}`, "messages");
    }
    return Buffer.from(response.body);
  } catch (error) {
    if (error instanceof LocalModelInputError) throw error;
    const reason = error instanceof Error ? error.message : "it could not be fetched";
    throw new LocalModelInputError("invalid_image_url", `image URL was refused: ${reason}`, "messages");
  }
}
