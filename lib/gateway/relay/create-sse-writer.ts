import { formatKeepAlive } from "@/lib/gateway/sse/format-sse";

/** The caller's side of a committed stream. */
export interface SseWriter {
  /** Forwards bytes as they are (upstream bytes after the model rewrite). No-op once closed. */
  write(bytes: Uint8Array): void;
  /** Writes a whole event of our own (`[DONE]`, an error), first closing whatever event the output left open. */
  writeEvent(event: Uint8Array): void;
  /** Resolves once the caller wants more (backpressure), the stream is closed, or `signal` aborts. */
  demand(signal: AbortSignal): Promise<void>;
  /** Ends the caller's stream. Idempotent. */
  close(): void;
  readonly closed: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const encoder = new TextEncoder();

/** Where the output stands in SSE terms, from its last bytes: between events, at a line start inside one, or mid-line. */
type Position = "event" | "line" | "partial";

function positionOf(tail: number[]): Position {
  const n = tail.length;
  if (n === 0) return "event";
  if (tail[n - 1] !== LF) return "partial"; // mid-line, or a CR whose LF may still come
  const prev = tail[n - 2];
  if (prev === undefined || prev === LF) return "event";
  if (prev !== CR) return "line";
  const before = tail[n - 3];
  return before === undefined || before === LF || before === CR ? "event" : "line";
}

/**
 * A ReadableStream for the 200 body plus the writer that feeds it. While nothing has been written for
 * `keepAliveMs`, a `: keep-alive` comment goes out, but only where it cannot break an event: between events as
 * its own block, at a line start inside an event as a lone comment line, never mid-line. The queue holds at most
 * one chunk beyond what the caller has read (`demand`), so a slow caller slows the upstream read, not memory.
 * `onCancel` runs when the consumer cancels the body (Next.js does when the client goes away).
 */
export function createSseWriter(keepAliveMs: number, onCancel: () => void): { stream: ReadableStream<Uint8Array>; writer: SseWriter } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let tail: number[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
    waiters.clear();
  };

  function enqueue(bytes: Uint8Array): void {
    if (closed || bytes.length === 0) return;
    controller.enqueue(bytes);
    tail = bytes.length >= 3 ? Array.from(bytes.subarray(bytes.length - 3)) : [...tail, ...bytes].slice(-3);
    keepAlive.refresh();
  }

  const keepAlive = setTimeout(function sendKeepAlive() {
    if (closed) return;
    // A queue that is not drained yet will reach proxies soon enough; adding to it would only grow memory.
    const position = positionOf(tail);
    if ((controller.desiredSize ?? 0) > 0 && position !== "partial") {
      enqueue(position === "event" ? formatKeepAlive() : encoder.encode(": keep-alive\n"));
    }
    keepAlive.refresh();
  }, keepAliveMs);

  function finish(): void {
    closed = true;
    clearTimeout(keepAlive);
    wake();
  }

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    pull() {
      wake();
    },
    cancel() {
      if (closed) return;
      finish();
      onCancel();
    },
  });

  const writer: SseWriter = {
    write: enqueue,
    writeEvent(event) {
      const position = positionOf(tail);
      if (position === "line") enqueue(encoder.encode("\n"));
      else if (position === "partial") enqueue(encoder.encode("\n\n"));
      enqueue(event);
    },
    demand(signal) {
      if (closed || signal.aborted || (controller.desiredSize ?? 0) > 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener("abort", done);
          waiters.delete(done);
          resolve();
        };
        waiters.add(done);
        signal.addEventListener("abort", done, { once: true });
      });
    },
    close() {
      if (closed) return;
      finish();
      try {
        controller.close();
      } catch {
        // already errored or cancelled by the consumer
      }
    },
    get closed() {
      return closed;
    },
  };
  return { stream, writer };
}
