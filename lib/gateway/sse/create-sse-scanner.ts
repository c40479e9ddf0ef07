import { concatBytes } from "./concat-bytes";

/** One dispatched server-sent event. `event` and `id` are the fields seen in this event's block, if any. */
export interface SseEvent {
  data: string;
  event?: string;
  id?: string;
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
}

export interface SseScanner {
  /** Feeds the next bytes; chunks may split lines, `\r\n` pairs and UTF-8 characters anywhere. */
  push(chunk: Uint8Array): void;
  /** End of the body: a last line without a line ending, and an event without a closing blank line, are dispatched. */
  end(): void;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/**
 * Incremental parser of the `text/event-stream` format (WHATWG HTML, "server-sent events").
 * Cost is linear in the input: each byte is searched for line ends once (only new chunks are searched), and the
 * pieces of an unfinished line are kept in a list and joined once when its end arrives, so a single 4 MiB event
 * fed in small chunks is one copy and one decode, not a rescan per chunk.
 */
export function createSseScanner(handlers: SseScannerHandlers, options: SseScannerOptions = {}): SseScanner {
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024 * 1024;
  // Whole lines are decoded at once, so a character split across chunks is never decoded in halves.
  // ignoreBOM: otherwise every decode() call would eat a leading U+FEFF; only the stream's first one is a BOM.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let dropping = false; // inside an over-long line that is being skipped
  let afterCr = false; // the previous chunk ended with CR: a leading LF belongs to that line ending
  let firstLine = true;

  let dataLines: string[] = [];
  let eventType: string | undefined;
  let eventId: string | undefined;

  function dispatch(): void {
    if (dataLines.length > 0) {
      const event: SseEvent = { data: dataLines.length === 1 ? dataLines[0]! : dataLines.join("\n") };
      if (eventType !== undefined) event.event = eventType;
      if (eventId !== undefined) event.id = eventId;
      dataLines = [];
      eventType = undefined;
      eventId = undefined;
      handlers.onEvent(event);
      return;
    }
    // Per the standard, a block without data dispatches nothing and forgets its event type.
    eventType = undefined;
    eventId = undefined;
  }

  function processLine(raw: string): void {
    let line = raw;
    if (firstLine) {
      firstLine = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    if (line.length === 0) return dispatch();
    const colon = line.indexOf(":");
    if (colon === 0) {
      handlers.onComment?.(line.charCodeAt(1) === SPACE ? line.slice(2) : line.slice(1));
      return;
    }
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === SPACE) value = value.slice(1);
    if (field === "data") dataLines.push(value);
    else if (field === "event") eventType = value;
    else if (field === "id" && !value.includes("\0")) eventId = value;
    // `retry` and unknown fields are ignored, as the standard says.
  }

  function completeLine(chunk: Uint8Array, start: number, end: number): void {
    if (dropping) {
      dropping = false;
      return;
    }
    if (pendingLength + (end - start) > maxLineBytes) {
      handlers.onOverflow?.(pendingLength + (end - start));
      pending = [];
      pendingLength = 0;
      return;
    }
    let bytes = chunk.subarray(start, end);
    if (pendingLength > 0) {
      pending.push(bytes);
      bytes = concatBytes(pending, pendingLength + bytes.length);
      pending = [];
      pendingLength = 0;
    }
    processLine(decoder.decode(bytes));
  }

  function keepRemainder(chunk: Uint8Array, start: number): void {
    if (start >= chunk.length || dropping) return;
    if (pendingLength + chunk.length - start > maxLineBytes) {
      handlers.onOverflow?.(pendingLength + chunk.length - start);
      pending = [];
      pendingLength = 0;
      dropping = true;
      return;
    }
    // A copy: the caller may reuse or hand on its buffer once push() returns.
    pending.push(chunk.slice(start));
    pendingLength += chunk.length - start;
  }

  return {
    push(chunk) {
      if (chunk.length === 0) return;
      let i = 0;
      if (afterCr) {
        afterCr = false;
        if (chunk[0] === LF) i = 1;
      }
      // Positions of the next LF / CR at or after i; -1 = none left in this chunk. Cached so a chunk with many
      // lines but no CR is not searched to its end once per line.
      let nextLf = -2;
      let nextCr = -2;
      while (i < chunk.length) {
        if (nextLf !== -1 && nextLf < i) nextLf = chunk.indexOf(LF, i);
        if (nextCr !== -1 && nextCr < i) nextCr = chunk.indexOf(CR, i);
        if (nextLf === -1 && nextCr === -1) break;
        const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
        let next = end + 1;
        if (chunk[end] === CR) {
          if (next < chunk.length) {
            if (chunk[next] === LF) next++;
          } else {
            afterCr = true;
          }
        }
        completeLine(chunk, i, end);
        i = next;
      }
      keepRemainder(chunk, i);
    },
    end() {
      if (pendingLength > 0 && !dropping) completeLine(new Uint8Array(0), 0, 0);
      pending = [];
      pendingLength = 0;
      dropping = false;
      afterCr = false;
      dispatch();
    },
  };
}
