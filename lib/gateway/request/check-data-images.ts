import { fileTypeFromBuffer } from "file-type";
import { GatewayError } from "../gateway-error";
import type { ChatRequest } from "./chat-request-schema";
import { formatParamPath } from "./format-param-path";

// What the contract allows in data: URLs, judged by the bytes (APNG is a PNG to every consumer).
const IMAGE_TYPES = new Set(["image/png", "image/apng", "image/jpeg", "image/webp", "image/gif"]);
/** file-type's recommended sample: its signatures (APNG's included) are all within the first 4100 bytes. */
const SAMPLE_BYTES = 4100;
/** Base64 characters for a bit more than SAMPLE_BYTES, with room for line breaks some encoders insert. */
const SAMPLE_CHARS = Math.ceil(SAMPLE_BYTES / 3) * 4 + 256;
const NOT_BASE64 = /[^A-Za-z0-9+/_-]/g;

/** The first bytes of a base64 data URL's payload: only a few KiB are decoded, however large the image. */
function sampleOf(url: string): Buffer {
  const payload = url.slice(url.indexOf(",") + 1, url.indexOf(",") + 1 + SAMPLE_CHARS).replace(NOT_BASE64, "");
  return Buffer.from(payload.slice(0, payload.length - (payload.length % 4)), "base64");
}

/**
 * Every `data:` image of the request must hold a PNG, JPEG, WebP or GIF by its bytes, whatever the model: the URL's
 * own media type is only a claim (a `data:image/png` URL holding HTML was forwarded upstream and paid for). Runs
 * before admission, so a refused request costs nothing and reaches no one. The format is sniffed from the head of
 * each payload; whole images are never decoded here.
 */
export async function checkDataImages(body: ChatRequest): Promise<void> {
  for (const [m, message] of body.messages.entries()) {
    if (!Array.isArray(message.content)) continue;
    for (const [p, part] of message.content.entries()) {
      if (part.type !== "image_url" || !part.image_url.url.startsWith("data:")) continue;
      const sniffed = await fileTypeFromBuffer(sampleOf(part.image_url.url));
      if (sniffed && IMAGE_TYPES.has(sniffed.mime)) continue;
      const param = formatParamPath(["messages", m, "content", p, "image_url", "url"]);
      throw new GatewayError("invalid_request", `Invalid ${param}: the data URL does not hold a PNG, JPEG, WebP or GIF image.`, {
        param,
        code: "invalid_image_url",
      });
    }
  }
}
