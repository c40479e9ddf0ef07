// The contract of the SSE scanner (create-sse-scanner.ts): what it dispatches and what it is given.

/** One dispatched server-sent event. `event` and `id` are the fields seen in this event's block, if any. */
export interface SseEvent {
  data: string;
  event?: string;
  id?: string;
  /** Set (and `data` empty) when the event's data went to a `largeData` stream: what its end() returned. */
  streamed?: unknown;
}

/** Receives the data of one large event as text: its data lines joined with "\n", as `data` would have been. */
export interface LargeDataStream {
  write(text: string): void;
  /** The event is complete; the result is dispatched as the event's `streamed`. */
  end(): unknown;
}

export interface SseScannerHandlers {
  onEvent(event: SseEvent): void;
  /** A comment line (`: keep-alive`), without the colon and one optional leading space. */
  onComment?(text: string): void;
  /** A line longer than `maxLineBytes` was dropped (the upstream is broken or hostile). */
  onOverflow?(droppedBytes: number): void;
}

export interface SseScannerOptions {
  /** Longest line kept; longer lines are dropped whole. Default 64 MiB (several-MiB base64 events are normal). */
  maxLineBytes?: number;
  /**
   * Events whose data outgrows `thresholdBytes` are not held: `open` (given the event's type so far) may take
   * them as a stream, and the rest of their data goes there as it arrives. Returning null keeps the usual path.
   */
  largeData?: { thresholdBytes: number; open(eventType: string | undefined): LargeDataStream | null };
}

export interface SseScanner {
  /** Feeds the next bytes; chunks may split lines, `\r\n` pairs and UTF-8 characters anywhere. */
  push(chunk: Uint8Array): void;
  /** End of the body: a last line without a line ending, and an event without a closing blank line, are dispatched. */
  end(): void;
}
