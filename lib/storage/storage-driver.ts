import type { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

// One small contract for object storage; `local` (files under DATA_DIR/objects) and `s3` implement it, and
// tests/integration/storage-contract.test.ts runs the same suite against both.

export type PutBody = Buffer | Uint8Array | Readable | WebReadableStream<Uint8Array> | ReadableStream<Uint8Array>;

export type PutOptions = {
  contentType: string;
  /** Exact size of a streamed body when known (lets S3 stream without buffering); checked by the local driver. */
  contentLength?: number;
};

export type ObjectInfo = { size: number; contentType: string };

/** An object found by `list`: its key, when it was last written, and its size. */
export type ListedObject = { key: string; lastModified: Date; size: number };

export type ObjectStream = { stream: Readable; contentType?: string; contentLength: number };

export type SignedReadOptions = {
  expiresInSeconds: number;
  /** Set: the URL answers as a download (`Content-Disposition: attachment`) with this file name. */
  downloadName?: string;
  /** Overrides the stored content type in the response. */
  contentType?: string;
};

export interface StorageDriver {
  readonly name: "local" | "s3";
  /** True when signed read URLs are reachable from the internet, so upstream models may fetch them. */
  readonly publicReadUrls: boolean;
  /** Stores the whole body under `key` (replacing any object there); resolves with the bytes stored. */
  put(key: string, body: PutBody, options: PutOptions): Promise<{ size: number }>;
  /** Throws StorageError "not_found" for a missing key. */
  getStream(key: string): Promise<ObjectStream>;
  /** Null for a missing key. */
  head(key: string): Promise<ObjectInfo | null>;
  /** Idempotent: deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** A short-lived URL that reads the object, or null when the driver has none (local: serve through the app). */
  signedReadUrl(key: string, options: SignedReadOptions): Promise<string | null>;
  /**
   * Every stored object whose key starts with `prefix` (e.g. `workspaces/`), in pages as they are read; only keys
   * of the server-made shape (a write still in progress, or any foreign file, is not listed). For the orphan sweep.
   */
  list(prefix: string): AsyncIterable<ListedObject>;
}

export type StorageErrorCode = "not_found" | "invalid_key" | "size_mismatch";

// A registered symbol, the same in every copy of this module: the driver is a process-wide singleton (on
// globalThis) that one bundle chunk may have made and another's code catches from, so `instanceof` against the
// catcher's own class can miss (a missing file then answered 500 instead of 404).
const STORAGE_ERROR = Symbol.for("darkroom.storage-error");

export class StorageError extends Error {
  override name = "StorageError";
  readonly [STORAGE_ERROR] = true;

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** A StorageError from any copy of this module. */
export function isStorageError(error: unknown): error is StorageError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[STORAGE_ERROR] === true;
}

export function isObjectNotFound(error: unknown): boolean {
  return isStorageError(error) && error.code === "not_found";
}
