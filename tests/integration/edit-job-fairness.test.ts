import { describe, expect, it } from "vitest";
import { seedUserWithUpload, setUpEditJobDatabase } from "../support/edit-job-database";
import { runCli } from "../support/run-cli";

// A database of its own: the worker in this process must see only this file's jobs.
// 3 workers and a cap of 2 running jobs per workspace: a busy workspace can never take every worker.
const harness = setUpEditJobDatabase("darkroom_fair", {
  upstream: { record: false },
  env: {
    WORKER_CONCURRENCY: "3",
    JOB_WORKSPACE_CONCURRENCY: "2",
    JOB_SUBMIT_LIMIT_PER_MEMBER: "5000", // one member queues the whole backlog here
    JOB_SUPERVISE_SECONDS: "1",
  },
  async start() {
    const { startEditWorker } = await import("@/lib/jobs/start-edit-worker");
    await startEditWorker();
  },
});

async function seedWorkspace(model: string, credits: number) {
  const { grantCredits } = await import("@/lib/billing/grant-credits");
  const { submitEdit } = await import("@/lib/jobs/submit-edit");
  const { user, input } = await seedUserWithUpload({ r: 90, g: 90, b: 200 }, 16);
  if (credits) await grantCredits({ workspaceId: user.workspaceId, amount: credits, opId: `test-${crypto.randomUUID()}` });
  const submit = async (label: string) =>
    (await submitEdit({ userId: user.userId }, {
      unverifiedWorkspaceSlug: user.workspaceSlug,
      unverifiedAssetIds: [input.id],
      model,
      // Every job takes about as long: ~2 s at the provider.
      prompt: `${label} [[scenario:markdown-url delay=2000]]`,
    })).jobId;
  return { ...user, submit };
}

type Run = { startedAt: Date | null; finishedAt: Date | null };

/** The most jobs of `runs` that were running at one moment. */
function peakConcurrency(runs: Run[]): number {
  const edges = runs
    .filter((r) => r.startedAt)
    .flatMap((r) => [
      { at: r.startedAt!.getTime(), delta: 1 },
      { at: (r.finishedAt ?? new Date(8.64e15)).getTime(), delta: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let now = 0;
  let peak = 0;
  for (const edge of edges) peak = Math.max(peak, (now += edge.delta));
  return peak;
}

describe("fair edit queue", () => {
  it("a quiet workspace's job starts within one job duration behind 1,000 queued jobs of a busy one", async () => {
    const { db } = await import("@/lib/db/client");
    const { seedModel } = await import("../factories/models");
    const model = await seedModel({ label: "fair", upstreamName: "gpt-4o-image", perRequest: 1, perImage: 0, per1kPrompt: 0, per1kCompletion: 0 });

    const busy = await seedWorkspace(model, 100_000);
    for (let i = 0; i < 1000; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, k) => busy.submit(`busy ${i + k}`)));
    }
    // A second busy workspace with a short backlog takes the worker the cap keeps from the first.
    const other = await seedWorkspace(model, 0);
    for (let i = 0; i < 5; i++) await other.submit(`other ${i}`);
    const jobsOf = (workspaceId: string) => db.editJob.findMany({ where: { workspaceId }, select: { id: true, createdAt: true, startedAt: true, finishedAt: true } });
    await expect.poll(async () => (await jobsOf(other.workspaceId)).filter((j) => j.startedAt).length, { timeout: 30_000 }).toBeGreaterThan(0);

    // Every worker is busy now; the quiet workspace's one job must take the next worker that frees up.
    const quiet = await seedWorkspace(model, 0);
    const startedBefore = new Set([...(await jobsOf(busy.workspaceId)), ...(await jobsOf(other.workspaceId))].filter((j) => j.startedAt).map((j) => j.id));
    const jobId = await quiet.submit("quiet");
    await expect.poll(async () => (await db.editJob.findUniqueOrThrow({ where: { id: jobId } })).startedAt, { timeout: 30_000, interval: 200 }).not.toBeNull();
    const quietJob = await db.editJob.findUniqueOrThrow({ where: { id: jobId } });

    // Within one job duration: no longer than the longest job took, and fewer other jobs started meanwhile than
    // there are workers (each worker frees up at most once in one job duration), however long the busy backlog.
    const others = [...(await jobsOf(busy.workspaceId)), ...(await jobsOf(other.workspaceId))];
    const startedMeanwhile = others.filter((j) => j.startedAt && !startedBefore.has(j.id) && j.startedAt <= quietJob.startedAt!);
    const longestJobMs = Math.max(...others.filter((j) => j.finishedAt).map((j) => j.finishedAt!.getTime() - j.startedAt!.getTime()));
    const waitedMs = quietJob.startedAt!.getTime() - quietJob.createdAt.getTime();
    expect(startedMeanwhile.length).toBeLessThan(3);
    expect(waitedMs).toBeLessThanOrEqual(longestJobMs + 1500); // + pg-boss's polling interval and the claim
    const busyJobs = await jobsOf(busy.workspaceId);
    expect(busyJobs.filter((j) => !j.startedAt).length).toBeGreaterThan(900);
    // The cap held: never more than 2 of the busy workspace's jobs at once.
    expect(peakConcurrency(busyJobs)).toBeLessThanOrEqual(2);

    await expect.poll(async () => (await db.editJob.findUniqueOrThrow({ where: { id: jobId } })).status, { timeout: 30_000 }).toBe("succeeded");
    const check = await runCli(["ledger:check", "--json"], { DATABASE_URL: harness.database.url });
    expect(check.json).toEqual({ ok: true, drift: [] });
  }, 240_000);
});
