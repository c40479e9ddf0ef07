import { GatewayError } from "../gateway-error";
import type { GatewayRequest } from "./gateway-request";

/**
 * Reads the raw body with a hard cap: a declared Content-Length over the cap is refused before reading, and a
 * body that grows past it is cut off there (413) without reading the rest. Once `signal` aborts (the request
 * was refused for another reason meanwhile), reading stops and the rest is not read either.
 */
export async function readRequestBody(request: GatewayRequest, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  const tooLarge = () =>
    new GatewayError("request_too_large", `Request body is larger than the limit of ${maxBytes} bytes.`);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (signal?.aborted) {
      await reader.cancel().catch(() => {});
      throw signal.reason;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
