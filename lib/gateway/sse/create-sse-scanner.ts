import { concatBytes } from "./concat-bytes";
import type { LargeDataStream, SseEvent, SseScanner, SseScannerHandlers, SseScannerOptions } from "./sse-scanner-types";

export type { LargeDataStream, SseEvent, SseScanner, SseScannerHandlers, SseScannerOptions } from "./sse-scanner-types";

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
  let dataLength = 0;
  let eventType: string | undefined;
  let eventId: string | undefined;
  // The current event's data is streaming (largeData); `streamingLine`: the current line is a data line whose
  // value goes there piece by piece (its bytes are decoded as they come, never held).
  let large: LargeDataStream | null = null;
  let largeRefused = false;
  let streamingLine = false;
  let streamedLineBytes = 0;
  const lineDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

  function dispatch(): void {
    let event: SseEvent | null = null;
    if (large) event = { data: "", streamed: large.end() };
    else if (dataLines.length > 0) event = { data: dataLines.length === 1 ? dataLines[0]! : dataLines.join("\n") };
    // Per the standard, a block without data dispatches nothing and forgets its event type.
    if (event && eventType !== undefined) event.event = eventType;
    if (event && eventId !== undefined) event.id = eventId;
    large = null;
    largeRefused = false;
    dataLines = [];
    dataLength = 0;
    eventType = undefined;
    eventId = undefined;
    if (event) handlers.onEvent(event);
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
    if (field === "data") {
      if (large) large.write(`\n${value}`);
      else {
        dataLines.push(value);
        dataLength += value.length + 1;
      }
    }
    else if (field === "event") eventType = value;
    else if (field === "id" && !value.includes("\0")) eventId = value;
    // `retry` and unknown fields are ignored, as the standard says.
  }

  /**
   * The line still pending is a data line and the event's data has outgrown the threshold: hand the event to a
   * large-data stream (if one takes it) and send this line's bytes there from now on. Returns whether it did.
   */
  function startStreamingLine(): boolean {
    const largeData = options.largeData;
    if (!largeData || largeRefused || streamingLine || dropping) return false;
    if (dataLength + pendingLength <= largeData.thresholdBytes) return false;
    const head = concatBytes(pending, pendingLength);
    let from = 0;
    if (firstLine && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) from = 3; // BOM
    if (!(head[from] === 0x64 && head[from + 1] === 0x61 && head[from + 2] === 0x74 && head[from + 3] === 0x61 && head[from + 4] === 0x3a)) {
      return false; // not a data line: it is held (and judged) as usual
    }
    from += 5;
    if (head[from] === SPACE) from++;
    if (!large) {
      large = largeData.open(eventType);
      if (!large) {
        largeRefused = true;
        return false;
      }
      for (const line of dataLines) large.write(`${line}\n`);
      dataLines = [];
      dataLength = 0;
    } else {
      large.write("\n");
    }
    firstLine = false;
    streamingLine = true;
    streamedLineBytes = pendingLength;
    pending = [];
    pendingLength = 0;
    large.write(lineDecoder.decode(head.subarray(from), { stream: true }));
    return true;
  }

  function completeLine(chunk: Uint8Array, start: number, end: number): void {
    if (streamingLine) {
      streamingLine = false;
      streamedLineBytes += end - start;
      large!.write(lineDecoder.decode(chunk.subarray(start, end)));
      if (streamedLineBytes > maxLineBytes) handlers.onOverflow?.(streamedLineBytes);
      return;
    }
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
    if (streamingLine) {
      streamedLineBytes += chunk.length - start;
      large!.write(lineDecoder.decode(chunk.subarray(start), { stream: true }));
      return;
    }
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
    startStreamingLine();
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
      if (streamingLine || (pendingLength > 0 && !dropping)) completeLine(new Uint8Array(0), 0, 0);
      pending = [];
      pendingLength = 0;
      dropping = false;
      afterCr = false;
      dispatch();
    },
  };
}
