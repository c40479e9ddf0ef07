import "server-only";
import { strToU8, Zip, ZipPassThrough } from "fflate";
import { logger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";
import { isObjectNotFound } from "@/lib/storage/storage-driver";
import type { ZipAsset } from "./list-zip-assets";

type Current = { file: ZipPassThrough; chunks: AsyncIterator<Uint8Array> };

/**
 * A ZIP of the originals, streamed: one object open at a time, read only as fast as the client takes the
 * archive (pull-based), stored without recompression (images are compressed already). An original missing
 * from storage is left out and named in `missing.txt` rather than breaking the download halfway.
 */
export function streamAssetsZip(assets: ZipAsset[]): ReadableStream<Uint8Array> {
  const storage = getStorage();
  const missing: string[] = [];
  let next = 0;
  let current: Current | null = null;
  let emitted = 0;
  let zip: Zip;

  async function open(asset: ZipAsset): Promise<Current | null> {
    try {
      const object = await storage.getStream(asset.storageKey);
      const file = new ZipPassThrough(asset.name);
      file.mtime = asset.createdAt;
      zip.add(file);
      return { file, chunks: object.stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array> };
    } catch (error) {
      if (!isObjectNotFound(error)) throw error;
      logger.warn({ assetId: asset.id }, "zip: original missing from storage");
      missing.push(asset.name);
      return null;
    }
  }

  function finish() {
    if (missing.length) {
      const note = new ZipPassThrough("missing.txt");
      zip.add(note);
      note.push(strToU8(`These images could not be read from storage and are not in this archive:\n${missing.join("\n")}\n`), true);
    }
    zip.end();
  }

  // Advances until fflate has emitted something (or the archive is complete), so each pull makes progress.
  async function step(): Promise<void> {
    if (!current) {
      if (next >= assets.length) return finish();
      current = await open(assets[next++]!);
      return;
    }
    const { value, done } = await current.chunks.next();
    if (done) {
      current.file.push(new Uint8Array(0), true);
      current = null;
    } else {
      current.file.push(value as Uint8Array<ArrayBuffer>);
    }
  }

  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        emitted++;
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      const before = emitted;
      let ended = false;
      while (emitted === before && !ended) {
        ended = current === null && next >= assets.length;
        await step();
      }
    },
    async cancel() {
      await current?.chunks.return?.();
      zip.terminate();
    },
  });
}
