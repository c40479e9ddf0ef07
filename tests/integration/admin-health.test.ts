import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createFreshDatabase, type FreshDatabase } from "../setup/test-database";

// A database of its own: the drift made here must not show in other files' ledger checks, and the pg-boss
// workers started here must only see this file's maintenance jobs.
let database: FreshDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createFreshDatabase(inject("databaseServerUrl"), "darkroom_health");
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-health-"));
  Object.assign(process.env, { DATABASE_URL: database.url, DATA_DIR: dataDir, STORAGE_DRIVER: "local", JOB_SUPERVISE_SECONDS: "1" });
}, 120_000);

afterAll(async () => {
  const { stopEditQueue } = await import("@/lib/jobs/edit-queue");
  const { closeDb } = await import("@/lib/db/client");
  await stopEditQueue();
  await closeDb();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T | null | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("health panel and maintenance jobs", () => {
  it("schedules every job on pg-boss cron, and a queued run is worked and recorded", async () => {
    const { startMaintenance } = await import("@/lib/health/start-maintenance");
    const { enqueueMaintenanceJob } = await import("@/lib/health/enqueue-maintenance-job");
    const { getPool } = await import("@/lib/db/client");
    const { seedUser } = await import("../factories/users");
    await startMaintenance();
    const { rows } = await getPool().query<{ name: string; cron: string }>(`SELECT name, cron FROM pgboss.schedule ORDER BY name`);
    expect(rows).toEqual([
      { name: "maintenance-idempotency-retention", cron: "17 * * * *" },
      { name: "maintenance-job-retention", cron: "23 3 * * *" },
      { name: "maintenance-ledger-check", cron: "*/10 * * * *" },
      { name: "maintenance-orphan-sweep", cron: "41 3 * * *" },
    ]);
    const admin = await seedUser({ admin: true });
    expect(await enqueueMaintenanceJob("ledger-check", admin.userId)).toBe(true);
    const run = await until(
      async () => (await getPool().query(`SELECT job, ok, finished_at FROM job_runs WHERE job = 'ledger-check' AND finished_at IS NOT NULL`)).rows[0],
      "the queued ledger check to run",
    );
    expect(run).toMatchObject({ job: "ledger-check", ok: true });
    expect((await getPool().query(`SELECT action, target FROM audit_logs WHERE actor_id = $1 AND action LIKE 'maintenance.%'`, [admin.userId])).rows).toEqual([
      { action: "maintenance.requested", target: "ledger-check" },
    ]);
  });

  it("a drifted ledger makes the check fail with an error log line and a red panel", async () => {
    const { recordJobRun } = await import("@/lib/health/record-job-run");
    const { runLedgerCheck } = await import("@/lib/health/run-ledger-check");
    const { getHealthPanel } = await import("@/lib/health/get-health-panel");
    const { logger } = await import("@/lib/log/logger");
    const { getPool } = await import("@/lib/db/client");
    const { seedUser } = await import("../factories/users");
    const owner = await seedUser();
    await getPool().query(`UPDATE workspaces SET balance = balance + 13 WHERE id = $1`, [owner.workspaceId]);
    const error = vi.spyOn(logger, "error");
    try {
      const outcome = await recordJobRun("ledger-check", runLedgerCheck);
      expect(outcome.ok).toBe(false);
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ workspaces: 1 }), "ledger drift: balances disagree with the ledger");
    } finally {
      error.mockRestore();
      await getPool().query(`UPDATE workspaces SET balance = balance - 13 WHERE id = $1`, [owner.workspaceId]);
    }
    const panel = await getHealthPanel();
    const last = panel.runs["ledger-check"][0]!;
    expect(last).toMatchObject({ ok: false, summary: { workspaces: 1 } });
    expect((last.summary!.drift as Array<{ workspace: string; balance: number; expectedBalance: number }>)[0]).toMatchObject({
      workspace: owner.workspaceSlug, balance: 1013, expectedBalance: 1000,
    });
    expect((await recordJobRun("ledger-check", runLedgerCheck)).ok).toBe(true);
  });

  it("retention removes expired idempotency keys and old edits' progress events, keeping the rest", async () => {
    const { recordJobRun } = await import("@/lib/health/record-job-run");
    const { purgeIdempotencyJob } = await import("@/lib/health/purge-idempotency-job");
    const { purgeJobHistory } = await import("@/lib/health/purge-job-history");
    const { getPool } = await import("@/lib/db/client");
    const { seedUser } = await import("../factories/users");
    const pool = getPool();
    const owner = await seedUser();
    const key = randomUUID();
    await pool.query(
      `INSERT INTO idempotency_keys (id, api_key_id, key, body_hash, status, created_at)
       VALUES (gen_random_uuid(), $1, 'old', 'h', 'succeeded', now() - interval '25 hours'), (gen_random_uuid(), $1, 'new', 'h', 'succeeded', now())`,
      [key],
    );
    expect(await recordJobRun("idempotency-retention", purgeIdempotencyJob)).toMatchObject({ ok: true, removed: 1 });
    expect((await pool.query(`SELECT key FROM idempotency_keys WHERE api_key_id = $1`, [key])).rows).toEqual([{ key: "new" }]);

    const { rows: [membership] } = await pool.query<{ id: string }>(`SELECT id FROM memberships WHERE user_id = $1`, [owner.userId]);
    const job = async (finishedDaysAgo: number | null, status: string) => {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO edit_jobs (id, workspace_id, membership_id, user_id, model, prompt, status, request_id, finished_at)
         VALUES (gen_random_uuid(), $1, $2, $3, 'darkroom-local', 'p', $4::"JobStatus", $5,
                 CASE WHEN $6::int IS NULL THEN NULL ELSE now() - make_interval(days => $6::int) END) RETURNING id`,
        [owner.workspaceId, membership!.id, owner.userId, status, `req_${randomUUID()}`, finishedDaysAgo],
      );
      await pool.query(`INSERT INTO job_events (job_id, type) VALUES ($1, 'progress'), ($1, 'done')`, [rows[0]!.id]);
      return rows[0]!.id;
    };
    const old = await job(40, "succeeded");
    const recent = await job(1, "failed");
    const waiting = await job(null, "queued");
    const outcome = await recordJobRun("job-retention", () => purgeJobHistory(30));
    expect(outcome).toMatchObject({ ok: true, summary: { jobEvents: 2 } });
    const left = await pool.query<{ job_id: string }>(`SELECT DISTINCT job_id FROM job_events WHERE job_id = ANY($1::uuid[])`, [[old, recent, waiting]]);
    expect(left.rows.map((r) => r.job_id).sort()).toEqual([recent, waiting].sort());
    expect((await pool.query(`SELECT count(*)::int AS n FROM edit_jobs WHERE id = $1`, [old])).rows[0]).toEqual({ n: 1 });
  });

  it("the orphan sweep deletes old objects no row names, never a young one (an upload in flight)", async () => {
    const { sweepOrphanedObjects } = await import("@/lib/health/sweep-orphaned-objects");
    const { createLocalDriver } = await import("@/lib/storage/create-local-driver");
    const { makeObjectKey } = await import("@/lib/storage/make-object-key");
    const { getPool } = await import("@/lib/db/client");
    const { seedUser } = await import("../factories/users");
    const root = path.join(dataDir, "sweep-objects");
    const storage = createLocalDriver({ root });
    const owner = await seedUser();
    const kept = makeObjectKey(owner.workspaceId, "uploads", "png");
    const keptThumb = makeObjectKey(owner.workspaceId, "thumbs", "webp");
    const orphan = makeObjectKey(owner.workspaceId, "results", "png");
    const inFlight = makeObjectKey(owner.workspaceId, "uploads", "png");
    for (const key of [kept, keptThumb, orphan, inFlight]) await storage.put(key, Buffer.from("bytes"), { contentType: "image/png" });
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    for (const key of [kept, keptThumb, orphan]) fs.utimesSync(path.join(root, key), twoDaysAgo, twoDaysAgo);
    await getPool().query(
      `INSERT INTO assets (id, workspace_id, kind, storage_key, thumb_key, mime, bytes, width, height, sha256)
       VALUES (gen_random_uuid(), $1, 'upload', $2, $3, 'image/png', 5, 1, 1, 'x')`,
      [owner.workspaceId, kept, keptThumb],
    );
    const outcome = await sweepOrphanedObjects(24 * 3_600_000, storage);
    expect(outcome).toMatchObject({ ok: true, removed: 1, summary: { scanned: 4, removed: 1, failed: 0 } });
    expect(await storage.head(orphan)).toBeNull();
    for (const key of [kept, keptThumb, inFlight]) expect(await storage.head(key), key).not.toBeNull();
  });

  it("shows the queue's depth and oldest edit, and open holds older than any call takes", async () => {
    const { getHealthPanel } = await import("@/lib/health/get-health-panel");
    const { admit } = await import("@/lib/billing/admit");
    const { getPool } = await import("@/lib/db/client");
    const { seedUser } = await import("../factories/users");
    const pool = getPool();
    const owner = await seedUser();
    const { rows: [membership] } = await pool.query<{ id: string }>(`SELECT id FROM memberships WHERE user_id = $1`, [owner.userId]);
    const before = await getHealthPanel();
    await pool.query(
      `INSERT INTO edit_jobs (id, workspace_id, membership_id, user_id, model, prompt, status, request_id, created_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 'darkroom-local', 'p', 'queued', $4, now() - interval '3 hours')`,
      [owner.workspaceId, membership!.id, owner.userId, `req_${randomUUID()}`],
    );
    const stuck = await admit({
      workspaceId: owner.workspaceId, membershipId: membership!.id, userId: owner.userId, apiKeyId: null, amount: 9, requestId: `req_${randomUUID()}`,
      prices: { perRequest: 9, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 }, source: "api", model: "darkroom-local",
    });
    if (!stuck.ok) throw new Error("refused");
    await pool.query(`UPDATE holds SET created_at = now() - interval '2 days' WHERE id = $1`, [stuck.holdId]);
    const panel = await getHealthPanel();
    expect(panel.queue.queued).toBe(before.queue.queued + 1);
    expect(panel.queue.oldestQueuedAt!.getTime()).toBeLessThan(Date.now() - 2 * 3_600_000);
    expect(panel.holds.count).toBe(before.holds.count + 1);
    expect(panel.holds.oldest.find((h) => h.id === stuck.holdId)).toMatchObject({ workspace: owner.workspaceSlug, amount: 9 });
  });
});
