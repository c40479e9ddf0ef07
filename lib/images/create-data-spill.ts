import "server-only";

import { createHash } from "node:crypto";
import { createWriteStream, mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import type { DataImageReference, DataImageSink, ImageSource } from "@/lib/gateway/images/image-reference";

import { tooLargeError } from "./image-rejected-error";

export interface DataSpill {
  /** The temporary folder holding this spill's files (null until the first image arrives). */
  readonly dir: string | null;
  /** Pass as the image extractor's `openDataSink`: each data image's decoded bytes go to their own file. */
  openDataSink(info: { mime: string; source: ImageSource }): DataImageSink;
  /**
   * The file holding a data image the extractor reported (matched by its SHA-256), once it is fully on disk.
   * Feed it to `processImage({ path })`. Rejects with ImageRejectedError `too_large` past `maxBytes`.
   */
  pathFor(ref: DataImageReference): Promise<string>;
  /** Deletes the folder and every file in it; call it when the results are stored (or abandoned). */
  dispose(): Promise<void>;
}

interface SpilledFile {
  path: string;
  byteLength: number;
  overLimit: boolean;
  written: Promise<void>;
}

/**
 * Streams data-URL images from a model's response to files under os.tmpdir() as they are decoded, so a
 * response of several multi-MiB images never sits whole in memory before validation. Bytes past `maxBytes`
 * are counted and hashed but not written: the image will be refused anyway, and the disk stays bounded.
 */
export async function createDataSpill(options: { maxBytes: number }): Promise<DataSpill> {
  return openDataSpill(options);
}

/**
 * The same, synchronously and lazily: the folder is made only when the first data image arrives, so a caller
 * on a hot path (every /v1 response is watched for images to archive) pays nothing for responses without one.
 */
export function openDataSpill(options: { maxBytes: number }): DataSpill {
  let dir: string | null = null;
  const files = new Map<string, SpilledFile>();
  let count = 0;

  function openDataSink(): DataImageSink {
    dir ??= mkdtempSync(path.join(tmpdir(), "darkroom-results-"));
    const filePath = path.join(dir, `${++count}.bin`);
    const out = createWriteStream(filePath, { flags: "wx" });
    let failure: unknown;
    out.on("error", (error) => (failure ??= error));
    const hash = createHash("sha256");
    let byteLength = 0;

    return {
      write(bytes) {
        byteLength += bytes.length;
        hash.update(bytes);
        if (byteLength <= options.maxBytes) out.write(bytes);
      },
      close() {
        // 'close' follows both a clean finish and an error, once the descriptor is released.
        const written = new Promise<void>((resolve, reject) =>
          out.once("close", () => (failure ? reject(failure) : resolve())),
        );
        written.catch(() => {}); // surfaced by pathFor; unhandled only if nobody asks for this image
        out.end();
        const file = { path: filePath, byteLength, overLimit: byteLength > options.maxBytes, written };
        files.set(hash.digest("hex"), file);
      },
      abort() {
        // Removed once closed: an rm racing the still-pending open would leave the file behind.
        out.once("close", () => void rm(filePath, { force: true }).catch(() => {}));
        out.destroy();
      },
    };
  }

  async function pathFor(ref: DataImageReference): Promise<string> {
    const file = files.get(ref.sha256);
    if (!file) throw new Error("createDataSpill: no file for this image (was openDataSink passed to the extractor?)");
    if (file.overLimit) throw tooLargeError(undefined, file.byteLength, options.maxBytes);
    await file.written;
    return file.path;
  }

  return {
    get dir() {
      return dir;
    },
    openDataSink,
    pathFor,
    dispose: async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
