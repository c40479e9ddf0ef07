// The default image loader: only inline `data:` URLs. Reading stored assets and fetching http(s) URLs (through the
// SSRF guard) is the gateway's job; it passes its own loader in.
import { LocalModelInputError } from "./local-model-input-error";

const DATA_URL = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)?((?:;[a-z0-9.+-]+=[^;,]*)*);base64,/i;
// Buffer.from(..., "base64") silently skips junk, which would turn a typo into a confusing "not an image".
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

export async function decodeDataUrl(url: string): Promise<Buffer> {
  const header = DATA_URL.exec(url);
  if (!header) {
    throw new LocalModelInputError(
      "invalid_image_url",
      url.startsWith("data:")
        ? "the image data URL is not base64-encoded (expected data:image/...;base64,...)"
        : "darkroom-local can only read data: image URLs here",
    );
  }
  const body = url.slice(header[0].length).replace(/\s+/g, "");
  if (body.length === 0 || body.length % 4 === 1 || !BASE64_BODY.test(body)) {
    throw new LocalModelInputError("invalid_image_url", "the image data URL holds invalid base64");
  }
  return Buffer.from(body, "base64");
}
