// One storage contract, two drivers: local files under a temp folder, and S3 against a real S3 server (Ceph's
// radosgw on loopback, started here and stopped after). Then what only one driver does.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalDriver } from "@/lib/storage/create-local-driver";
import { createS3Driver, type S3DriverConfig } from "@/lib/storage/create-s3-driver";
import { makeObjectKey } from "@/lib/storage/make-object-key";
import { StorageError, type StorageDriver } from "@/lib/storage/storage-driver";
import { type Radosgw, startRadosgw } from "@/scripts/lib/radosgw/start-radosgw";
import { storageContract } from "../support/storage-contract-suite";

let localRoot = "";
let local: StorageDriver;
let gw: Radosgw;
let s3Config: S3DriverConfig;
let s3: StorageDriver;

beforeAll(async () => {
  localRoot = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-objects-"));
  local = createLocalDriver({ root: localRoot });
  gw = await startRadosgw();
  s3Config = { ...gw, endpointIsPublic: false, forcePathStyle: true };
  s3 = createS3Driver(s3Config);
});

afterAll(async () => {
  fs.rmSync(localRoot, { recursive: true, force: true });
  await gw?.stop();
});

storageContract("local", () => local);
storageContract("s3 (radosgw)", () => s3);

describe("local driver", () => {
  const workspaceId = randomUUID();

  it("has no signed URLs: files are served by the authorised route", async () => {
    expect(await local.signedReadUrl(makeObjectKey(workspaceId, "uploads", "png"), { expiresInSeconds: 60 })).toBeNull();
  });

  it("keeps files at their key under the root, with no temp files left behind", async () => {
    const key = makeObjectKey(workspaceId, "uploads", "png");
    await local.put(key, Readable.from([randomBytes(1000)]), { contentType: "image/png" });
    const folder = path.dirname(path.join(localRoot, key));
    expect(fs.readdirSync(folder).sort()).toEqual([path.basename(key), `${path.basename(key)}.meta.json`].sort());
  });

  it("leaves no temp file behind when a put fails", async () => {
    const key = makeObjectKey(workspaceId, "results", "png");
    const put = local.put(key, Readable.from([randomBytes(10)]), { contentType: "image/png", contentLength: 11 });
    await expect(put).rejects.toMatchObject({ code: "size_mismatch" });
    expect(fs.readdirSync(path.dirname(path.join(localRoot, key)))).toEqual([]);
  });
});

describe("s3 driver on radosgw", () => {
  const workspaceId = randomUUID();

  async function stored(bytes = randomBytes(2048)) {
    const key = makeObjectKey(workspaceId, "uploads", "png");
    await s3.put(key, bytes, { contentType: "image/png" });
    return { key, bytes };
  }

  it("issues read URLs that work, with content type and download name overrides", async () => {
    const { key, bytes } = await stored();
    const url = await s3.signedReadUrl(key, { expiresInSeconds: 300, downloadName: "café.png", contentType: "image/png" });
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="cafe.png"; filename*=UTF-8''caf%C3%A9.png`);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("refuses a read URL with a tampered signature (403)", async () => {
    const { key } = await stored();
    const url = new URL((await s3.signedReadUrl(key, { expiresInSeconds: 300 }))!);
    const signature = url.searchParams.get("X-Amz-Signature")!;
    url.searchParams.set("X-Amz-Signature", `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`);
    expect((await fetch(url)).status).toBe(403);
  });

  it("refuses an expired read URL (403) while a longer one signed alongside still works", async () => {
    const { key } = await stored();
    const short = (await s3.signedReadUrl(key, { expiresInSeconds: 1 }))!;
    const long = (await s3.signedReadUrl(key, { expiresInSeconds: 300 }))!;
    const deadline = Date.now() + 10_000;
    let status = 0;
    while ((status = (await fetch(short)).status) !== 403 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(status).toBe(403);
    expect((await fetch(long)).status).toBe(200);
  });

  it("signs read URLs for S3_PUBLIC_ENDPOINT when set (another origin for the same server)", async () => {
    const { key, bytes } = await stored();
    const publicEndpoint = gw.endpoint.replace("127.0.0.1", "localhost");
    const url = (await createS3Driver({ ...s3Config, publicEndpoint }).signedReadUrl(key, { expiresInSeconds: 60 }))!;
    expect(new URL(url).origin).toBe(publicEndpoint);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("is refused by the server with a wrong secret (signatures are really checked)", async () => {
    const wrong = createS3Driver({ ...s3Config, secretAccessKey: `${s3Config.secretAccessKey}x` });
    const key = makeObjectKey(workspaceId, "uploads", "png");
    const error = await wrong.put(key, Buffer.from("x"), { contentType: "image/png" }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(StorageError);
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(403);
  });
});
