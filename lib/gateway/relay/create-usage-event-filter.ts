import { concatBytes } from "@/lib/gateway/sse/concat-bytes";
import { createSseScanner } from "@/lib/gateway/sse/create-sse-scanner";

/** Cuts whole events out of an SSE byte stream; everything else passes through byte for byte, in order. */
export interface EventFilter {
  /** The bytes to forward now (ranges of `chunk` where possible, so the usual case copies nothing). */
  push(chunk: Uint8Array): Uint8Array[];
  /** The body ended cleanly: a last event without a closing blank line is judged and forwarded or dropped. */
  end(): Uint8Array[];
}

const LF = 0x0a;
const CR = 0x0d;
const USAGE_KEY = Buffer.from('"usage"');
/** The usage-only chunk is a few hundred bytes; a bigger event cannot be it and is forwarded as it arrives. */
const MAX_HELD = 64 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One event block (its lines and closing blank line): is it OpenAI's usage-only chunk (`choices: []` + `usage`)? */
export function isUsageOnlyEvent(block: Uint8Array): boolean {
  if (block.length > MAX_HELD) return false;
  if (Buffer.from(block.buffer, block.byteOffset, block.length).indexOf(USAGE_KEY) === -1) return false;
  const datas: string[] = [];
  const scanner = createSseScanner({ onEvent: (event) => datas.push(event.data) });
  scanner.push(block);
  scanner.end();
  if (datas.length !== 1) return false;
  try {
    const chunk: unknown = JSON.parse(datas[0]!);
    return isRecord(chunk) && Array.isArray(chunk.choices) && chunk.choices.length === 0 && isRecord(chunk.usage) && !("error" in chunk);
  } catch {
    return false;
  }
}

/**
 * Drops the usage-only event (for callers that did not ask for usage) without re-serialising anything: event
 * boundaries are found on the raw bytes (blank lines, with `\n`, `\r\n` or `\r` endings), an event that is still
 * small is held until its end and then judged, and one that outgrows 64 KiB is passed through as it arrives (a
 * 4 MiB image event is never held whole). Work is linear in the input; memory is at most one small event.
 */
export function createUsageEventFilter(): EventFilter {
  let held: Uint8Array[] = [];
  let heldLength = 0;
  let passing = false; // the current event outgrew MAX_HELD and is being forwarded as it comes
  let lineCarried = false; // the current line has bytes from an earlier chunk (so it is not blank)
  let afterCr = false; // the previous chunk ended with CR: an LF opening this chunk completes that line ending
  let crClosedEvent = false; // ...and that line ending closed an event
  let lastDropped = false;

  // Output of the current push: runs of the chunk (merged when adjacent) and whole held events.
  let chunk: Uint8Array = new Uint8Array(0);
  let pieces: Uint8Array[] = [];
  let runFrom = 0;
  let runTo = 0;

  const flushRun = () => {
    if (runTo > runFrom) pieces.push(chunk.subarray(runFrom, runTo));
    runFrom = runTo = 0;
  };
  const keep = (from: number, to: number) => {
    if (to <= from) return;
    if (runTo > runFrom && runTo === from) runTo = to;
    else {
      flushRun();
      runFrom = from;
      runTo = to;
    }
  };
  const emit = (bytes: Uint8Array) => {
    flushRun();
    pieces.push(bytes);
  };
  const takeHeld = () => {
    const bytes = concatBytes(held, heldLength);
    held = [];
    heldLength = 0;
    return bytes;
  };

  function finishEvent(from: number, to: number): void {
    lastDropped = false;
    if (passing) {
      passing = false;
      return keep(from, to);
    }
    if (heldLength + (to - from) > MAX_HELD) {
      if (heldLength > 0) emit(takeHeld());
      return keep(from, to);
    }
    const event = heldLength > 0 ? concatBytes([...held, chunk.subarray(from, to)]) : chunk.subarray(from, to);
    const wasHeld = heldLength > 0;
    held = [];
    heldLength = 0;
    if (isUsageOnlyEvent(event)) lastDropped = true;
    else if (wasHeld) emit(event);
    else keep(from, to);
  }

  function keepRemainder(from: number): void {
    const rest = chunk.length - from;
    if (passing) return keep(from, chunk.length);
    if (rest === 0) return;
    if (heldLength + rest > MAX_HELD) {
      if (heldLength > 0) emit(takeHeld());
      passing = true;
      return keep(from, chunk.length);
    }
    held.push(chunk.slice(from)); // a copy: the caller may hand its buffer on
    heldLength += rest;
  }

  return {
    push(next) {
      chunk = next;
      pieces = [];
      const length = next.length;
      let i = 0;
      let lineStart = 0;
      let eventStart = 0;
      if (afterCr && length > 0) {
        afterCr = false;
        if (next[0] === LF) {
          i = lineStart = 1;
          if (crClosedEvent) {
            if (!lastDropped) keep(0, 1);
            eventStart = 1;
          }
        }
      }
      let nextLf = -2;
      let nextCr = -2;
      while (i < length) {
        if (nextLf !== -1 && nextLf < i) nextLf = next.indexOf(LF, i);
        if (nextCr !== -1 && nextCr < i) nextCr = next.indexOf(CR, i);
        if (nextLf === -1 && nextCr === -1) break;
        const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
        let after = end + 1;
        if (next[end] === CR) {
          if (after === length) afterCr = true;
          else if (next[after] === LF) after++;
        }
        const blank = end === lineStart && !lineCarried;
        lineCarried = false;
        if (blank) {
          finishEvent(eventStart, after);
          eventStart = after;
        }
        i = lineStart = after;
      }
      if (lineStart < length) lineCarried = true;
      crClosedEvent = afterCr && eventStart === length;
      keepRemainder(eventStart);
      flushRun();
      return pieces;
    },
    end() {
      const wasPassing = passing;
      passing = lineCarried = afterCr = crClosedEvent = false;
      if (wasPassing || heldLength === 0) return [];
      const event = takeHeld();
      return isUsageOnlyEvent(event) ? [] : [event];
    },
  };
}
