/**
 * A response over bytes already in memory, without copying them: `new Response(uint8Array)` copies its body up
 * front (undici slices any ArrayBuffer view), which for a 60 MB image answer is one more whole-body copy.
 */
export function bytesResponse(bytes: Uint8Array, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-length", String(bytes.byteLength));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return new Response(body, { status: init.status ?? 200, headers });
}
