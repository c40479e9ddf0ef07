import { describe, expect, it } from "vitest";
import { seedUserWithUpload, setUpEditJobDatabase } from "../support/edit-job-database";
import { runCli } from "../support/run-cli";

// A short HOLD_EXPIRY_MS and a sweeper of its own: this file runs on a database of its own, so it never expires
// another file's holds. The worker and the sweeper run in this process, as they do inside the app.
const HOLD_EXPIRY_MS = 3000;
let stopSweeper: (() => void) | undefined;
const harness = setUpEditJobDatabase("darkroom_holds", {
  env: { HOLD_EXPIRY_MS: String(HOLD_EXPIRY_MS), WORKER_CONCURRENCY: "2", JOB_SUPERVISE_SECONDS: "1" },
  async start() {
    const { startHoldSweeper } = await import("@/lib/billing/sweep-expired-holds");
    const { startEditWorker } = await import("@/lib/jobs/start-edit-worker");
    stopSweeper = startHoldSweeper(HOLD_EXPIRY_MS);
    await startEditWorker();
  },
  stop: () => stopSweeper?.(),
});

async function seedWorkspaceWithImage() {
  const { seedModel } = await import("../factories/models");
  const { user, input } = await seedUserWithUpload({ r: 0, g: 120, b: 60 });
  const model = await seedModel({ label: "holds", upstreamName: "gpt-4o-image", perRequest: 2, perImage: 1 });
  return { user, input, model };
}

async function ledgerCheck() {
  return (await runCli(["ledger:check", "--json"], { DATABASE_URL: harness.database.url })).json;
}

describe("studio holds while jobs wait and run", () => {
  it("a backlog that outlasts HOLD_EXPIRY_MS: no job fails as interrupted, each is charged exactly once", async () => {
    const { db } = await import("@/lib/db/client");
    const { submitEdit } = await import("@/lib/jobs/submit-edit");
    const { user, input, model } = await seedWorkspaceWithImage();

    // 10 jobs of ~1.5 s on 2 workers: the last ones wait ~6 s in the queue, twice the hold expiry.
    const jobIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { jobId } = await submitEdit({ userId: user.userId }, {
        unverifiedWorkspaceSlug: user.workspaceSlug,
        unverifiedAssetIds: [input.id],
        model,
        prompt: `edit ${i} [[scenario:markdown-url delay=1200]]`,
      });
      jobIds.push(jobId);
    }
    await expect
      .poll(async () => db.editJob.count({ where: { id: { in: jobIds }, status: { in: ["queued", "running"] } } }), { timeout: 90_000, interval: 500 })
      .toBe(0);

    const jobs = await db.editJob.findMany({ where: { id: { in: jobIds } } });
    expect(jobs.map((j) => [j.status, j.error])).toEqual(jobIds.map(() => ["succeeded", null]));
    const usage = await db.usageRecord.findMany({ where: { requestId: { in: jobs.map((j) => j.requestId) } } });
    expect(usage).toHaveLength(10);
    for (const job of jobs) {
      const record = usage.find((u) => u.requestId === job.requestId)!;
      expect(record.status).toBe("succeeded");
      expect(job.credits).toBeGreaterThan(0);
      expect(record.credits).toBe(job.credits); // what the studio shows is what was charged
    }
    const holds = await db.hold.findMany({ where: { id: { in: jobs.map((j) => j.holdId!) } } });
    expect(holds.map((h) => h.status)).toEqual(jobs.map(() => "settled"));
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } });
    const charged = jobs.reduce((sum, j) => sum + j.credits!, 0);
    expect({ balance: ws.balance, held: ws.held }).toEqual({ balance: 1000 - charged, held: 0 });
    expect(await ledgerCheck()).toEqual({ ok: true, drift: [] });
  }, 120_000);

  it("a beat that finds the hold gone stops the model call; the job fails and nothing is charged", async () => {
    const { db, getPool } = await import("@/lib/db/client");
    const { submitEdit } = await import("@/lib/jobs/submit-edit");
    const { user, input, model } = await seedWorkspaceWithImage();
    const marker = `lost-${crypto.randomUUID()}`;

    // A long generation: two events, then the provider keeps working (silence) until it is stopped.
    const { jobId } = await submitEdit({ userId: user.userId }, {
      unverifiedWorkspaceSlug: user.workspaceSlug,
      unverifiedAssetIds: [input.id],
      model,
      prompt: `${marker} [[scenario:stall after=2]]`,
    });
    const mine = (requests: typeof harness.upstream.requests) => requests.filter((r) => r.rawBody.includes(marker));
    await harness.upstream.waitFor((requests) => mine(requests).length === 1, 30_000);

    // The hold is closed under the running job, as the sweeper does with a hold whose beats stopped landing.
    const job = await db.editJob.findUniqueOrThrow({ where: { id: jobId } });
    const { rows } = await getPool().query<{ settled: boolean }>(
      `SELECT settled FROM darkroom_settle($1, 0, 'expired', 'failed', NULL, NULL, NULL, NULL, 0, NULL, NULL)`,
      [job.holdId],
    );
    expect(rows[0]!.settled).toBe(true);

    // The next beat finds it gone and the worker stops the call at the provider.
    await harness.upstream.waitFor((requests) => mine(requests)[0]!.aborted, 30_000);
    await expect.poll(async () => (await db.editJob.findUniqueOrThrow({ where: { id: jobId } })).status, { timeout: 30_000 }).toBe("failed");
    const finished = await db.editJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(finished.credits).toBe(0);
    expect(finished.error).toMatch(/Nothing was charged/);
    expect(await db.asset.count({ where: { jobId } })).toBe(0);
    const events = await db.jobEvent.findMany({ where: { jobId }, orderBy: { id: "asc" } });
    expect(events.at(-1)).toMatchObject({ type: "failed", data: expect.objectContaining({ credits: 0 }) });
    const usage = await db.usageRecord.findUniqueOrThrow({ where: { requestId: job.requestId } });
    expect({ status: usage.status, credits: usage.credits }).toEqual({ status: "failed", credits: 0 });
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } });
    expect({ balance: ws.balance, held: ws.held }).toEqual({ balance: 1000, held: 0 });
    expect(await ledgerCheck()).toEqual({ ok: true, drift: [] });
  }, 90_000);
});
