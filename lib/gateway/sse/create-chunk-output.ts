import { concatBytes } from "./concat-bytes";

/**
 * Assembles a rewriter's output for one input chunk: ranges of the chunk are passed through by reference, a range
 * being rewritten is held back (possibly across chunks) until it is replaced or released unchanged. When nothing in
 * a chunk changed, the chunk itself is returned, so the common case costs no copy at all.
 */
export interface ChunkOutput {
  begin(chunk: Uint8Array): void;
  /** Stops passing bytes through from `at` (in the current chunk). */
  startHold(at: number): void;
  /** Replaces everything held plus the current chunk up to `end` (exclusive) by `bytes`. */
  replaceHold(end: number, bytes: Uint8Array): void;
  /** Gives up the hold: held bytes go out unchanged, in order. */
  releaseHold(): void;
  readonly holding: boolean;
  /** Bytes held so far, counting the current chunk up to `at`. */
  holdSize(at: number): number;
  /** The output for the current chunk (may be empty while holding). */
  finish(): Uint8Array;
}

const EMPTY: Uint8Array = new Uint8Array(0);

export function createChunkOutput(): ChunkOutput {
  let chunk = EMPTY;
  let from = 0; // first byte of the current chunk neither emitted nor held
  let pieces: Uint8Array[] = [];
  let held: Uint8Array[] = [];
  let heldLength = 0;
  let holding = false;

  return {
    begin(next) {
      chunk = next;
      from = 0;
      pieces = [];
    },
    startHold(at) {
      if (at > from) pieces.push(chunk.subarray(from, at));
      from = at;
      holding = true;
    },
    replaceHold(end, bytes) {
      held = [];
      heldLength = 0;
      pieces.push(bytes);
      from = end;
      holding = false;
    },
    releaseHold() {
      for (const piece of held) pieces.push(piece);
      held = [];
      heldLength = 0;
      holding = false;
    },
    get holding() {
      return holding;
    },
    holdSize(at) {
      return heldLength + (at - from);
    },
    finish() {
      if (holding) {
        // Copied: the caller owns the chunk and may reuse its buffer after this call.
        if (from < chunk.length) {
          held.push(chunk.slice(from));
          heldLength += chunk.length - from;
        }
      } else if (from < chunk.length) {
        pieces.push(chunk.subarray(from));
      }
      from = chunk.length;
      if (pieces.length === 0) return EMPTY;
      const only = pieces[0]!;
      if (pieces.length === 1 && only.buffer === chunk.buffer && only.byteOffset === chunk.byteOffset && only.length === chunk.length) {
        return chunk;
      }
      return concatBytes(pieces);
    },
  };
}
