// The file route's 404 for a missing file must not depend on who made the process's storage driver. The driver is
// a singleton on globalThis; when the in-app edit worker (another chunk of the production bundle) made it first,
// its errors were instances of that chunk's StorageError, the route's `instanceof` missed, and a missing file
// answered 500. Under load this happened when a server's worker claimed a queued edit before the first file read.
// Runs on a database of its own: its worker must claim only this file's edit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFreshDatabase, type FreshDatabase } from "../setup/test-database";
import { startAppServer, type AppServer } from "../support/app-server";
import { signInCookie } from "../support/sign-in";

let database: FreshDatabase;
let server: AppServer | undefined;
let dataDir: string;

beforeAll(async () => {
  database = await createFreshDatabase(inject("databaseServerUrl"), "darkroom_files_worker");
  process.env.DATABASE_URL = database.url; // read by lib/env, imported below only after this line
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-files-worker-"));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  const { stopEditQueue } = await import("@/lib/jobs/edit-queue");
  const { closeDb } = await import("@/lib/db/client");
  await stopEditQueue();
  await closeDb();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("GET /api/files/:assetId after the edit worker made the storage driver", () => {
  it("still answers a missing file with 404", { timeout: 180_000 }, async () => {
    const { seedUser } = await import("../factories/users");
    const { seedAsset } = await import("../factories/assets");
    const { submitEdit } = await import("@/lib/jobs/submit-edit");
    const { db } = await import("@/lib/db/client");

    const user = await seedUser();
    // Rows whose files are not in the server's storage: the worker's read of the input fails, as does the route's.
    const input = await seedAsset(user.workspaceId);
    const orphan = await seedAsset(user.workspaceId);
    const { jobId } = await submitEdit({ userId: user.userId }, {
      unverifiedWorkspaceSlug: user.workspaceSlug,
      unverifiedAssetIds: [input.id],
      model: "darkroom-local",
      prompt: "invert",
    });

    server = await startAppServer({ databaseUrl: database.url, env: { DATA_DIR: dataDir, STORAGE_DRIVER: "local", WORKER_ENABLED: "true" } });
    // The worker claims the edit and reads its input through the storage driver, making it first (the read fails).
    await expect.poll(async () => (await db.editJob.findUniqueOrThrow({ where: { id: jobId } })).status, { timeout: 60_000, interval: 250 }).not.toBe("queued");
    await expect.poll(() => /"jobId":"[^"]+".*"code":"not_found"/.test(server!.logs()), { timeout: 60_000, interval: 250 }).toBe(true);

    const cookie = await signInCookie(server.url, user.email, user.password);
    const response = await fetch(`${server.url}/api/files/${orphan.id}`, { headers: { cookie } });
    const body = await response.text();
    expect(response.status, body).toBe(404);
    expect(JSON.parse(body)).toEqual({ error: { code: "not_found", message: "Not found" } });
  });
});
