import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startFakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import { createFreshDatabase, type FreshDatabase } from "../setup/test-database";
import { startAppServer, type AppServer } from "../support/app-server";
import { runCli } from "../support/run-cli";

// This file runs on a database of its own: no other test's server may pick up (and so "rescue") its job.
let database: FreshDatabase;
let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
const servers: AppServer[] = [];

beforeAll(async () => {
  database = await createFreshDatabase(inject("databaseServerUrl"), "darkroom_restart");
  process.env.DATABASE_URL = database.url; // read by lib/env, imported below only after this line
  upstream = await startFakeUpstream();
  process.env.UPSTREAM_BASE_URL = upstream.url; // the catalog's upstream models are usable only with one
}, 120_000);

afterAll(async () => {
  for (const server of servers) await server.stop("SIGKILL").catch(() => {});
  const { stopEditQueue } = await import("@/lib/jobs/edit-queue");
  const { closeDb } = await import("@/lib/db/client");
  await stopEditQueue();
  await closeDb();
  await upstream?.close();
  await database?.drop();
});

function server() {
  return startAppServer({
    databaseUrl: database.url,
    env: {
      UPSTREAM_BASE_URL: upstream.url,
      UPSTREAM_API_KEY: "sk-test",
      OUTBOUND_ALLOW_HOSTS: new URL(upstream.url).host,
      JOB_SUPERVISE_SECONDS: "1",
      WORKER_ENABLED: "true",
      // The same local object storage as this test process, which stored the input image.
      DATA_DIR: process.env.DATA_DIR!,
    },
  }).then((s) => (servers.push(s), s));
}

describe("durable edit jobs", () => {
  it("a job whose app process dies mid-run is picked up again after a restart and settled exactly once", async () => {
    const { seedUser } = await import("../factories/users");
    const { processImage } = await import("@/lib/images/process-image");
    const { storeImageAsset } = await import("@/lib/assets/store-image-asset");
    const { submitEdit } = await import("@/lib/jobs/submit-edit");
    const { db } = await import("@/lib/db/client");

    const user = await seedUser();
    const png = await sharp({ create: { width: 24, height: 24, channels: 3, background: { r: 0, g: 0, b: 255 } } }).png().toBuffer();
    const image = await processImage(png, { maxBytes: 10_000_000, maxPixels: 40_000_000 });
    const input = await storeImageAsset({ workspaceId: user.workspaceId, createdById: user.userId, kind: "upload", image });

    const first = await server();
    // The upstream streams slowly (an event every 500 ms), so the first attempt can be killed mid-run.
    const { jobId } = await submitEdit({ userId: user.userId }, {
      unverifiedWorkspaceSlug: user.workspaceSlug,
      unverifiedAssetIds: [input.id],
      model: "gpt-4o-image",
      prompt: "make it warm [[scenario:markdown-url interval=500]]",
    });
    await expect.poll(async () => (await db.editJob.findUniqueOrThrow({ where: { id: jobId } })).status, { timeout: 30_000 }).toBe("running");
    await upstream.waitFor((requests) => requests.some((r) => r.path.endsWith("/chat/completions")));
    await first.stop("SIGKILL");

    await server();
    await expect.poll(async () => (await db.editJob.findUniqueOrThrow({ where: { id: jobId } })).status, { timeout: 60_000, interval: 250 }).toBe("succeeded");
    const job = await db.editJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(await db.asset.count({ where: { jobId } })).toBeGreaterThanOrEqual(1);
    const usage = await db.usageRecord.findMany({ where: { requestId: job.requestId } });
    expect(usage).toHaveLength(1);
    expect(usage[0]!.status).toBe("succeeded");
    const hold = await db.hold.findUniqueOrThrow({ where: { id: job.holdId! } });
    expect(hold.status).toBe("settled");
    const check = await runCli(["ledger:check", "--json"], { DATABASE_URL: database.url });
    expect(check.json).toEqual({ ok: true, drift: [] });
  }, 120_000);
});
