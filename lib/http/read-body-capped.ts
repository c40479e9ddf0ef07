/**
 * A request body of at most `maxBytes`, or null when it is larger: a declared Content-Length over the cap is
 * refused before anything is read, and a body that grows past it is cut there (the rest is never read). The
 * server's REQUEST_TIMEOUT_MS bounds how long a slow body may take.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const body = new Uint8Array(Number.isFinite(declared) ? declared : maxBytes);
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > body.byteLength) {
      await reader.cancel().catch(() => {});
      return null;
    }
    body.set(value, size);
    size += value.byteLength;
  }
  return body.subarray(0, size);
}
