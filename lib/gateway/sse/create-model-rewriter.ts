import { createChunkOutput } from "./create-chunk-output";
import { createJsonModelCore } from "./create-json-model-core";

/** A byte-stream rewriter: each push returns the bytes to forward now (possibly the input chunk itself). */
export interface ModelRewriter {
  push(chunk: Uint8Array): Uint8Array;
  /** Whatever is still held back (a `model` string cut off by the end of the body), unchanged. */
  end(): Uint8Array;
}

const LF = 0x0a;
const CR = 0x0d;
const DATA_PREFIX = [0x64, 0x61, 0x74, 0x61, 0x3a]; // "data:"

// Where the rewriter is within the current SSE line.
const LINE_START = 0;
const PREFIX = 1; // matching "data:"
const DATA = 2; // after "data:": JSON text
const OTHER = 3; // comment, event:, id:, ...
const NONE = Number.MAX_SAFE_INTEGER;

function nextIndex(chunk: Uint8Array, byte: number, from: number, cached: number): number {
  if (cached === NONE || cached >= from) return cached;
  const at = chunk.indexOf(byte, from);
  return at === -1 ? NONE : at;
}

/**
 * Rewrites the top-level `model` of every event of an SSE body to `publicModel`, keeping every other byte and the
 * event framing (line endings of any kind, comments, `event:`/`id:` lines, multi-line `data:`) exactly as sent.
 * Only the few bytes of a `model` string are ever held back; the rest of each chunk is forwarded at once.
 */
export function createSseModelRewriter(publicModel: string): ModelRewriter {
  const core = createJsonModelCore(publicModel);
  const out = createChunkOutput();
  let line = LINE_START;
  let matched = 0;
  let afterCr = false;

  function push(chunk: Uint8Array): Uint8Array {
    out.begin(chunk);
    let i = 0;
    if (afterCr && chunk.length > 0) {
      afterCr = false;
      if (chunk[0] === LF) i = 1;
    }
    let nextLf = -1;
    let nextCr = -1;
    while (i < chunk.length) {
      const b = chunk[i]!;
      if ((line === LINE_START || line === PREFIX) && b !== LF && b !== CR) {
        if (b === DATA_PREFIX[matched]) {
          i++;
          line = ++matched === DATA_PREFIX.length ? DATA : PREFIX;
        } else {
          line = OTHER;
        }
        continue;
      }
      // Line end search, cached so a chunk of many short lines is not rescanned to its end per line.
      nextLf = nextIndex(chunk, LF, i, nextLf);
      nextCr = nextIndex(chunk, CR, i, nextCr);
      const eol = Math.min(nextLf, nextCr);
      if (line === DATA) core.scan(chunk, i, Math.min(eol, chunk.length), out);
      if (eol === NONE) break;
      if (line === DATA) core.lineBreak(out);
      else if (line === LINE_START) core.reset(out); // a blank line ends the event
      line = LINE_START;
      matched = 0;
      i = eol + 1;
      if (chunk[eol] === CR) {
        if (i === chunk.length) afterCr = true;
        else if (chunk[i] === LF) i++;
      }
    }
    return out.finish();
  }

  return {
    push,
    end() {
      out.begin(new Uint8Array(0));
      if (out.holding) out.releaseHold();
      return out.finish();
    },
  };
}

/** The same for a whole JSON body (a non-stream `chat.completion`), fed in chunks. */
export function createJsonModelRewriter(publicModel: string): ModelRewriter {
  const core = createJsonModelCore(publicModel);
  const out = createChunkOutput();
  return {
    push(chunk) {
      out.begin(chunk);
      core.scan(chunk, 0, chunk.length, out);
      return out.finish();
    },
    end() {
      out.begin(new Uint8Array(0));
      if (out.holding) out.releaseHold();
      return out.finish();
    },
  };
}
