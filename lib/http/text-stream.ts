/**
 * A byte stream of chunks that pulls: the next chunk (and so the next database page behind it) is produced only
 * when the client has taken what was sent, so a slow download holds a chunk or two, not the file. Cancelling (the
 * client went away) returns the generator, which ends its snapshot and gives its connection back.
 */
export function textStream(chunks: AsyncGenerator<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
        } catch (cause) {
          controller.error(cause);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    // One chunk queued ahead at most: pull() is called again only once the queue has room.
    { highWaterMark: 1 },
  );
}
