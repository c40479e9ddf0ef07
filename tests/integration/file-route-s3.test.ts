// GET /api/files/:assetId on the production server with STORAGE_DRIVER=s3 against a real radosgw: members get a
// short-lived presigned redirect, strangers the same 404 as a missing id.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createS3Driver } from "@/lib/storage/create-s3-driver";
import type { StorageDriver } from "@/lib/storage/storage-driver";
import { type Radosgw, startRadosgw } from "@/scripts/lib/radosgw/start-radosgw";
import { seedAsset } from "../factories/assets";
import { seedUser } from "../factories/users";
import { type AppServer, startAppServer } from "../support/app-server";
import { signInCookie } from "../support/sign-in";

let gw: Radosgw;
let server: AppServer;
let storage: StorageDriver;

beforeAll(async () => {
  gw = await startRadosgw();
  storage = createS3Driver({ ...gw, endpointIsPublic: false, forcePathStyle: true });
  server = await startAppServer({
    databaseUrl: inject("databaseUrl"),
    env: {
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: gw.endpoint,
      S3_REGION: gw.region,
      S3_BUCKET: gw.bucket,
      S3_ACCESS_KEY_ID: gw.accessKeyId,
      S3_SECRET_ACCESS_KEY: gw.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    },
  });
});

afterAll(async () => {
  await server?.stop();
  await gw?.stop();
});

async function member() {
  const user = await seedUser();
  return { ...user, cookie: await signInCookie(server.url, user.email, user.password) };
}

const get = (pathname: string, cookie: string) => fetch(`${server.url}${pathname}`, { headers: { cookie }, redirect: "manual" });

describe("GET /api/files/:assetId (S3 storage)", () => {
  it("redirects a member to a short-lived presigned URL that serves the file with the row's type", async () => {
    const user = await member();
    const asset = await seedAsset(user.workspaceId, { storage, mime: "image/png", originalName: "cat.png" });
    const response = await get(`/api/files/${asset.id}`, user.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe(gw.endpoint);
    expect(location.searchParams.get("X-Amz-Expires")).toBe("300");
    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer()).equals(asset.bytes)).toBe(true);
  });

  it("?download=1 and ?thumb=1 carry the attachment name and the thumbnail's type into the signed URL", async () => {
    const user = await member();
    const asset = await seedAsset(user.workspaceId, { storage, originalName: "cat.png" });
    const download = await fetch((await get(`/api/files/${asset.id}?download=1`, user.cookie)).headers.get("location")!);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="cat.png"; filename*=UTF-8''cat.png`);
    const thumb = await fetch((await get(`/api/files/${asset.id}?thumb=1`, user.cookie)).headers.get("location")!);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect(Buffer.from(await thumb.arrayBuffer()).equals(asset.thumb)).toBe(true);
  });

  it("gives a stranger no URL: the same 404 as a missing id", async () => {
    const owner = await member();
    const stranger = await member();
    const asset = await seedAsset(owner.workspaceId, { storage });
    const theirs = await get(`/api/files/${asset.id}`, stranger.cookie);
    const missing = await get(`/api/files/${randomUUID()}`, stranger.cookie);
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get("location")).toBeNull();
    expect(await theirs.text()).toBe(await missing.text());
  });
});
