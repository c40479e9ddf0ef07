import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { assertObjectKey, isObjectKey } from "./make-object-key";
import { type ListedObject, type ObjectInfo, type PutBody, type PutOptions, StorageError, type StorageDriver } from "./storage-driver";
import { checkLength, countBytes, toNodeReadable } from "./to-node-readable";

type Meta = { contentType: string };

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === "ENOENT";
}

/**
 * Objects as files under `root` (DATA_DIR/objects), each with a `<file>.meta.json` holding its content type.
 * Writes go to a temp file in the same folder and are renamed into place, so a reader sees a whole object or
 * none. Files are served only through the app's authorised route: signedReadUrl is null.
 */
export function createLocalDriver({ root }: { root: string }): StorageDriver {
  const base = path.resolve(root);

  // Keys are checked against the strict pattern first; the prefix check is a second lock on the same door.
  function fileOf(key: string): string {
    assertObjectKey(key);
    const file = path.resolve(base, key);
    if (!file.startsWith(base + path.sep)) throw new StorageError("invalid_key", "invalid object key");
    return file;
  }

  async function readMeta(file: string): Promise<Meta> {
    try {
      return JSON.parse(await fsp.readFile(`${file}.meta.json`, "utf8")) as Meta;
    } catch (error) {
      if (isMissing(error)) return { contentType: "application/octet-stream" };
      throw error;
    }
  }

  async function writeBody(temp: string, body: PutBody, contentLength: number | undefined): Promise<number> {
    const stream = toNodeReadable(body);
    // flush: fsync before close, so the rename never publishes a file whose bytes are still in the page cache.
    if (!stream) {
      checkLength(body as Uint8Array, contentLength);
      await fsp.writeFile(temp, body as Uint8Array, { flag: "wx", flush: true });
      return (body as Uint8Array).byteLength;
    }
    const counted = countBytes(stream, contentLength);
    await pipeline(counted.stream, fs.createWriteStream(temp, { flags: "wx", flush: true }));
    return counted.bytes();
  }

  return {
    name: "local",
    publicReadUrls: false,

    async put(key: string, body: PutBody, { contentType, contentLength }: PutOptions) {
      const file = fileOf(key);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const temp = path.join(path.dirname(file), `.${randomUUID()}.tmp`);
      const metaTemp = `${temp}.meta`;
      try {
        const size = await writeBody(temp, body, contentLength);
        await fsp.writeFile(metaTemp, JSON.stringify({ contentType } satisfies Meta), { flush: true });
        // Metadata first: whoever sees the object also sees its content type.
        await fsp.rename(metaTemp, `${file}.meta.json`);
        await fsp.rename(temp, file);
        return { size };
      } catch (error) {
        await Promise.all([fsp.rm(temp, { force: true }), fsp.rm(metaTemp, { force: true })]);
        throw error;
      }
    },

    async getStream(key: string) {
      const file = fileOf(key);
      let handle: fsp.FileHandle;
      try {
        handle = await fsp.open(file, "r");
      } catch (error) {
        if (isMissing(error)) throw new StorageError("not_found", "object not found");
        throw error;
      }
      try {
        const [{ size }, meta] = await Promise.all([handle.stat(), readMeta(file)]);
        // The stream owns the handle from here and closes it at its end or on destroy.
        return { stream: handle.createReadStream(), contentType: meta.contentType, contentLength: size };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async head(key: string): Promise<ObjectInfo | null> {
      const file = fileOf(key);
      try {
        const [{ size }, meta] = await Promise.all([fsp.stat(file), readMeta(file)]);
        return { size, contentType: meta.contentType };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key: string) {
      const file = fileOf(key);
      await fsp.rm(file, { force: true });
      await fsp.rm(`${file}.meta.json`, { force: true });
    },

    async signedReadUrl(key: string) {
      fileOf(key);
      return null;
    },

    async *list(prefix: string): AsyncGenerator<ListedObject> {
      // Walks the folders one at a time (no recursive readdir of the whole tree into memory).
      const start = path.resolve(base, prefix.slice(0, prefix.lastIndexOf("/") + 1));
      if (start !== base && !start.startsWith(base + path.sep)) throw new StorageError("invalid_key", "invalid prefix");
      const folders = [start];
      while (folders.length) {
        const folder = folders.pop()!;
        let entries: fs.Dirent[];
        try {
          entries = await fsp.readdir(folder, { withFileTypes: true });
        } catch (error) {
          if (isMissing(error)) continue;
          throw error;
        }
        for (const entry of entries) {
          const full = path.join(folder, entry.name);
          if (entry.isDirectory()) folders.push(full);
          const key = path.relative(base, full).split(path.sep).join("/");
          if (!entry.isFile() || !key.startsWith(prefix) || !isObjectKey(key)) continue;
          const stat = await fsp.stat(full).catch((error: unknown) => (isMissing(error) ? null : Promise.reject(error)));
          if (stat) yield { key, lastModified: stat.mtime, size: stat.size };
        }
      }
    },
  };
}
