/** Bytes go to the socket in slices of this size, so a reader's progress is visible (see drop-stalled-writers). */
const SLICE_BYTES = 1024 * 1024;

/**
 * A response over bytes already in memory, without copying them: `new Response(uint8Array)` copies its body up
 * front (undici slices any ArrayBuffer view), which for a 60 MB image answer is one more whole-body copy. The
 * body is handed out in 1 MiB views of the same memory.
 */
export function bytesResponse(bytes: Uint8Array, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-length", String(bytes.byteLength));
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.subarray(offset, offset + SLICE_BYTES));
      offset += SLICE_BYTES;
    },
  });
  return new Response(body, { status: init.status ?? 200, headers });
}
