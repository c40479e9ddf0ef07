import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { type PutBody, StorageError } from "./storage-driver";

/** A streamed body as a Node stream (web streams are converted); null for in-memory bytes. */
export function toNodeReadable(body: PutBody): Readable | null {
  if (body instanceof Uint8Array) return null;
  if (body instanceof Readable) return body;
  return Readable.fromWeb(body as WebReadableStream<Uint8Array>);
}

function mismatch(expected: number, got: string): StorageError {
  return new StorageError("size_mismatch", `expected ${expected} bytes, got ${got}`);
}

/** Throws size_mismatch when in-memory bytes differ from the declared length. */
export function checkLength(bytes: Uint8Array, expected: number | undefined): void {
  if (expected !== undefined && bytes.byteLength !== expected) throw mismatch(expected, String(bytes.byteLength));
}

/**
 * Passes `source` through, counting its bytes; with `expected`, the stream fails (size_mismatch) as soon as it
 * runs past it or ends short of it, so an upload with a declared Content-Length never waits for missing bytes.
 */
export function countBytes(source: Readable, expected?: number): { stream: Readable; bytes(): number } {
  let total = 0;
  async function* counted() {
    for await (const chunk of source) {
      total += (chunk as Uint8Array).byteLength;
      if (expected !== undefined && total > expected) throw mismatch(expected, `more`);
      yield chunk as Uint8Array;
    }
    if (expected !== undefined && total !== expected) throw mismatch(expected, String(total));
  }
  return { stream: Readable.from(counted(), { objectMode: false }), bytes: () => total };
}
