import type { ChunkOutput } from "./create-chunk-output";

/**
 * Finds the top-level `"model": "<string>"` member of one JSON document fed as byte ranges, and has the output
 * replace that string, without parsing the document: a 4 MiB chunk whose `model` comes first costs a few bytes of
 * work, then is passed through untouched. Strings are skipped with native searches for `"` and `\`, so even a
 * document whose `model` comes last is scanned in linear time. Anything malformed is left as it was.
 */
export interface JsonModelCore {
  /** Bytes `chunk[start, end)` of the document. */
  scan(chunk: Uint8Array, start: number, end: number, out: ChunkOutput): void;
  /** The document continues on a new SSE `data:` line (whitespace to JSON, but it may not split a string). */
  lineBreak(out: ChunkOutput): void;
  /** The next bytes start a new document (a new SSE event). */
  reset(out: ChunkOutput): void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MODEL = [0x6d, 0x6f, 0x64, 0x65, 0x6c]; // "model"
const MAX_KEY = 64;
const MAX_HOLD = 1024;
const NONE = Number.MAX_SAFE_INTEGER; // a model id is short; a longer "model" string is left alone rather than buffered

// Where the top-level object is between members.
const EXPECT_KEY = 0;
const IN_KEY = 1;
const EXPECT_COLON = 2;
const EXPECT_VALUE = 3;
const IN_VALUE = 4;

export function createJsonModelCore(publicModel: string): JsonModelCore {
  const replacement = new TextEncoder().encode(JSON.stringify(publicModel));
  let started = false; // the root's first byte was seen
  let finished = false; // rewritten, not an object, malformed or over: pass the rest through
  let depth = 0;
  let inString = false;
  let escape = false;
  let slot = EXPECT_KEY;
  let key: number[] = [];
  let keyIsModel = false;
  // Search results cached within one scan() call, so a string full of escapes is not rescanned for its closing
  // quote after every escape (which would be quadratic). -1: unknown; NONE: none left.
  let nextQuote = -1;
  let nextBackslash = -1;

  function giveUp(out: ChunkOutput): void {
    if (out.holding) out.releaseHold();
    finished = true;
  }

  function noteKey(chunk: Uint8Array, from: number, to: number): void {
    for (let j = from; j < to && key.length <= MAX_KEY; j++) key.push(chunk[j]!);
  }

  function isModelKey(): boolean {
    if (key.length === MODEL.length && key.every((b, j) => b === MODEL[j])) return true;
    if (key.length > MAX_KEY || !key.includes(BACKSLASH)) return false;
    try {
      return JSON.parse(`"${String.fromCharCode(...key)}"`) === "model"; // an escaped spelling, e.g. mod\u0065l
    } catch {
      return false;
    }
  }

  /** Next `byte` at or after `from`, reusing an earlier answer; NONE once the chunk has no more of it. */
  function next(chunk: Uint8Array, byte: number, from: number, cached: number): number {
    if (cached === NONE || cached >= from) return cached;
    const at = chunk.indexOf(byte, from);
    return at === -1 ? NONE : at;
  }

  /** Handles the inside of a string from `i`; returns the next index. */
  function scanString(chunk: Uint8Array, i: number, end: number, out: ChunkOutput): number {
    if (escape) {
      escape = false;
      if (slot === IN_KEY && depth === 1) noteKey(chunk, i, i + 1);
      return i + 1;
    }
    nextQuote = next(chunk, QUOTE, i, nextQuote);
    nextBackslash = next(chunk, BACKSLASH, i, nextBackslash);
    const first = Math.min(nextQuote, nextBackslash);
    const stop = first < end ? first : -1;
    const inKey = slot === IN_KEY && depth === 1;
    if (stop === -1) {
      if (inKey) noteKey(chunk, i, end);
      if (out.holding && out.holdSize(end) > MAX_HOLD) giveUp(out);
      return end;
    }
    if (inKey) noteKey(chunk, i, stop + (chunk[stop] === BACKSLASH ? 1 : 0));
    if (chunk[stop] === BACKSLASH) {
      escape = true;
      return stop + 1;
    }
    inString = false;
    if (depth === 1 && slot === IN_KEY) {
      slot = EXPECT_COLON;
      keyIsModel = isModelKey();
    } else if (out.holding) {
      out.replaceHold(stop + 1, replacement);
      finished = true;
    }
    return stop + 1;
  }

  function scanToken(chunk: Uint8Array, i: number, out: ChunkOutput): void {
    const b = chunk[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) return;
    if (!started) {
      started = true;
      if (b !== 0x7b) finished = true; // only an object has a top-level `model`
      else depth = 1;
      return;
    }
    if (b === QUOTE) {
      inString = true;
      if (depth !== 1) return;
      if (slot === EXPECT_KEY) {
        slot = IN_KEY;
        key = [];
      } else if (slot === EXPECT_VALUE) {
        slot = IN_VALUE;
        if (keyIsModel) out.startHold(i);
      }
      return;
    }
    if (b === 0x7b || b === 0x5b) {
      if (depth === 1 && slot === EXPECT_VALUE) slot = IN_VALUE;
      depth++;
    } else if (b === 0x7d || b === 0x5d) {
      if (--depth <= 0) finished = true;
    } else if (depth === 1) {
      if (b === 0x3a && slot === EXPECT_COLON) slot = EXPECT_VALUE;
      else if (b === 0x2c) slot = EXPECT_KEY;
      else if (slot === EXPECT_VALUE) slot = IN_VALUE; // a number, true, false or null
    }
  }

  return {
    scan(chunk, start, end, out) {
      nextQuote = -1;
      nextBackslash = -1;
      let i = start;
      while (i < end && !finished) {
        if (inString) {
          i = scanString(chunk, i, end, out);
        } else {
          scanToken(chunk, i, out);
          i++;
        }
      }
    },
    lineBreak(out) {
      if (inString) giveUp(out);
    },
    reset(out) {
      if (out.holding) out.releaseHold();
      started = false;
      finished = false;
      depth = 0;
      inString = false;
      escape = false;
      slot = EXPECT_KEY;
      key = [];
      keyIsModel = false;
    },
  };
}
