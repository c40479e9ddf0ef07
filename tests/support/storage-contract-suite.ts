// The behaviour every storage driver promises (lib/storage/storage-driver.ts). storage-contract.test.ts runs
// this suite against the local driver and against S3 on a real radosgw.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { makeObjectKey } from "@/lib/storage/make-object-key";
import { StorageError, type StorageDriver } from "@/lib/storage/storage-driver";

const MiB = 1024 * 1024;

async function readAll(stream: Readable): Promise<Buffer> {
  return Buffer.concat(await stream.toArray());
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A Node stream that yields `bytes` in 64 KiB chunks, as an upload from a socket would. */
function chunked(bytes: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
    })(),
  );
}

async function expectStorageError(promise: Promise<unknown>, code: StorageError["code"]): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StorageError);
  expect((error as StorageError).code).toBe(code);
}

export function storageContract(name: string, driver: () => StorageDriver): void {
  describe(`storage contract: ${name}`, () => {
    const workspaceId = randomUUID();
    const key = (kind: "uploads" | "results" | "thumbs" = "uploads", ext = "png") => makeObjectKey(workspaceId, kind, ext);

    it("stores a buffer and reads it back byte for byte, with its content type", async () => {
      const k = key();
      const bytes = randomBytes(70_000);
      await expect(driver().put(k, bytes, { contentType: "image/png" })).resolves.toEqual({ size: bytes.length });
      expect(await driver().head(k)).toEqual({ size: bytes.length, contentType: "image/png" });
      const got = await driver().getStream(k);
      expect(got.contentLength).toBe(bytes.length);
      expect(got.contentType).toBe("image/png");
      expect((await readAll(got.stream)).equals(bytes)).toBe(true);
    });

    it("stores a Node stream of known length (3 MiB)", async () => {
      const k = key("results", "webp");
      const bytes = randomBytes(3 * MiB);
      const put = await driver().put(k, chunked(bytes), { contentType: "image/webp", contentLength: bytes.length });
      expect(put).toEqual({ size: bytes.length });
      const got = await driver().getStream(k);
      expect(got.contentLength).toBe(bytes.length);
      expect(sha256(await readAll(got.stream))).toBe(sha256(bytes));
    });

    it("stores a web stream of unknown length (9 MiB: several parts on S3)", async () => {
      const k = key("results", "jpg");
      const bytes = randomBytes(9 * MiB);
      const web = Readable.toWeb(chunked(bytes)) as ReadableStream<Uint8Array>;
      await expect(driver().put(k, web, { contentType: "image/jpeg" })).resolves.toEqual({ size: bytes.length });
      expect(await driver().head(k)).toEqual({ size: bytes.length, contentType: "image/jpeg" });
      expect(sha256(await readAll((await driver().getStream(k)).stream))).toBe(sha256(bytes));
    });

    it("refuses a body whose length differs from contentLength (short or long), storing nothing", async () => {
      for (const [sent, declared] of [[10, 11], [12, 11]] as const) {
        const k = key();
        const put = driver().put(k, chunked(randomBytes(sent)), { contentType: "image/png", contentLength: declared });
        await expectStorageError(put, "size_mismatch");
        await expectStorageError(driver().put(k, randomBytes(sent), { contentType: "image/png", contentLength: declared }), "size_mismatch");
        expect(await driver().head(k)).toBeNull();
      }
    });

    it("answers a missing key with null (head) or a typed not_found (getStream); delete is idempotent", async () => {
      const k = key();
      expect(await driver().head(k)).toBeNull();
      await expectStorageError(driver().getStream(k), "not_found");
      await expect(driver().delete(k)).resolves.toBeUndefined();
    });

    it("lists the objects under a prefix with their size and time, and nothing of a write in progress", async () => {
      const own = randomUUID();
      const keys = [makeObjectKey(own, "uploads", "png"), makeObjectKey(own, "thumbs", "webp"), makeObjectKey(own, "results", "png")];
      const before = Date.now() - 60_000;
      for (const k of keys) await driver().put(k, Buffer.from(k), { contentType: "image/png" });
      const listed = [];
      for await (const object of driver().list(`workspaces/${own}/`)) listed.push(object);
      expect(listed.map((o) => o.key).sort()).toEqual([...keys].sort());
      for (const o of listed) {
        expect(o.size).toBe(Buffer.byteLength(o.key));
        expect(o.lastModified.getTime()).toBeGreaterThan(before);
      }
      const none = [];
      for await (const object of driver().list(`workspaces/${randomUUID()}/`)) none.push(object);
      expect(none).toEqual([]);
      for (const k of keys) await driver().delete(k);
    });

    it("deletes an object", async () => {
      const k = key("thumbs", "webp");
      await driver().put(k, Buffer.from("thumb"), { contentType: "image/webp" });
      await driver().delete(k);
      expect(await driver().head(k)).toBeNull();
      await expectStorageError(driver().getStream(k), "not_found");
    });

    it("refuses keys outside the server-made shape: traversal, absolute paths, client names", async () => {
      const bad = [
        `workspaces/${workspaceId}/uploads/../../../etc/passwd`,
        `workspaces/${workspaceId}/uploads/${randomUUID()}.png/../x.png`,
        "/etc/passwd",
        `/workspaces/${workspaceId}/uploads/${randomUUID()}.png`,
        `workspaces/${workspaceId}/uploads/holiday photo.png`,
        `workspaces/${workspaceId}/uploads/${randomUUID()}.png.meta.json`,
        `workspaces/${workspaceId}/other/${randomUUID()}.png`,
        "",
      ];
      for (const k of bad) {
        await expectStorageError(driver().put(k, Buffer.from("x"), { contentType: "text/plain" }), "invalid_key");
        await expectStorageError(driver().getStream(k), "invalid_key");
        await expectStorageError(driver().head(k), "invalid_key");
        await expectStorageError(driver().delete(k), "invalid_key");
        await expectStorageError(driver().signedReadUrl(k, { expiresInSeconds: 60 }), "invalid_key");
      }
    });
  });
}
