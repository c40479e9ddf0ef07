// Edit-job tests that run the worker (or its steps) in this process need a database of their own: no app server of
// another file may pick their jobs up, and their short expiries must not touch another file's holds.
import sharp from "sharp";
import { afterAll, beforeAll, inject } from "vitest";
import { startFakeUpstream, type FakeUpstream, type FakeUpstreamOptions } from "../fixtures/fake-upstream/start-fake-upstream";
import { createFreshDatabase, type FreshDatabase } from "../setup/test-database";

export interface EditJobDatabase {
  database: FreshDatabase;
  upstream: FakeUpstream;
}

/**
 * Registers beforeAll/afterAll: a fresh database, a fake upstream, the env lib/env reads (set before anything
 * imports it), then `start` (e.g. the worker); afterwards `stop`, the queue, the database's clients and the upstream.
 */
export function setUpEditJobDatabase(
  name: string,
  options: { env?: Record<string, string>; upstream?: FakeUpstreamOptions; start?: () => Promise<void>; stop?: () => void } = {},
): EditJobDatabase {
  const context = {} as EditJobDatabase;
  beforeAll(async () => {
    context.database = await createFreshDatabase(inject("databaseServerUrl"), name);
    context.upstream = await startFakeUpstream(options.upstream);
    Object.assign(process.env, {
      DATABASE_URL: context.database.url,
      UPSTREAM_BASE_URL: context.upstream.url,
      UPSTREAM_API_KEY: "sk-test",
      OUTBOUND_ALLOW_HOSTS: new URL(context.upstream.url).host,
      ...options.env,
    });
    await options.start?.();
  }, 120_000);
  afterAll(async () => {
    options.stop?.();
    const { stopEditQueue } = await import("@/lib/jobs/edit-queue");
    const { closeDb } = await import("@/lib/db/client");
    const { getNotificationListener } = await import("@/lib/db/notifications");
    await stopEditQueue();
    await getNotificationListener().close();
    await closeDb();
    await context.upstream?.close();
    await context.database?.drop();
  });
  return context;
}

/** A new user with a small uploaded PNG of one colour in their personal workspace. */
export async function seedUserWithUpload(background: { r: number; g: number; b: number }, size = 24) {
  const { seedUser } = await import("../factories/users");
  const { processImage } = await import("@/lib/images/process-image");
  const { storeImageAsset } = await import("@/lib/assets/store-image-asset");
  const user = await seedUser();
  const png = await sharp({ create: { width: size, height: size, channels: 3, background } }).png().toBuffer();
  const image = await processImage(png, { maxBytes: 10_000_000, maxPixels: 40_000_000 });
  const input = await storeImageAsset({ workspaceId: user.workspaceId, createdById: user.userId, kind: "upload", image });
  return { user, input };
}
