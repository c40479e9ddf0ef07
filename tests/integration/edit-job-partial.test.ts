// A studio edit whose model stream broke off after an image arrived: settlement charges for that image, so the job
// keeps it as a result (the job is `failed`, saying the image was kept) and shows exactly the settled charge.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { seedUserWithUpload, setUpEditJobDatabase } from "../support/edit-job-database";

// A database of its own: no app server of another file (their workers run on the shared one) may pick these jobs up.
setUpEditJobDatabase("darkroom_partial");

async function runEdit(scenario: string) {
  const { seedModel } = await import("../factories/models");
  const { submitEdit } = await import("@/lib/jobs/submit-edit");
  const { runEditJob } = await import("@/lib/jobs/run-edit-job");
  const { db } = await import("@/lib/db/client");
  const { user, input } = await seedUserWithUpload({ r: 200, g: 120, b: 0 });
  const model = await seedModel({ label: "partial", upstreamName: "gpt-4o-image", perRequest: 1, perImage: 2 });
  const { jobId } = await submitEdit({ userId: user.userId }, {
    unverifiedWorkspaceSlug: user.workspaceSlug,
    unverifiedAssetIds: [input.id],
    model,
    prompt: `make it brighter [[scenario:${scenario}]]`,
  });
  await runEditJob(jobId);
  const job = await db.editJob.findUniqueOrThrow({ where: { id: jobId } });
  const usage = await db.usageRecord.findUniqueOrThrow({ where: { requestId: job.requestId } });
  const assets = await db.asset.findMany({ where: { jobId, kind: "result" } });
  const events = await db.jobEvent.findMany({ where: { jobId }, orderBy: { id: "asc" } });
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } });
  return { user, job, usage, assets, events, workspace };
}

async function expectBooksClean(workspaceSlug: string) {
  const { checkLedger } = await import("@/lib/billing/check-ledger");
  expect((await checkLedger()).drift.filter((d) => d.workspace === workspaceSlug)).toEqual([]);
}

describe("an edit whose stream broke off after its image arrived", () => {
  it.each([
    ["an image URL (its markdown `)` never came)", "cut after=3 then=markdown-url-open"],
    ["a whole data image (its markdown `)` never came)", "cut after=4 then=markdown-data-open"],
  ])("%s: the image is stored as the job's result, the job failed saying so, the settled charge shown", async (_label, scenario) => {
    const { user, job, usage, assets, events, workspace } = await runEdit(scenario);
    expect(usage).toMatchObject({ status: "partial", images: 1 });
    expect(usage.credits).toBeGreaterThanOrEqual(1 + 2); // per request 1, per image 2
    expect(job.status).toBe("failed");
    expect(job.credits).toBe(usage.credits); // what the studio shows is what settlement wrote
    expect(job.error).toMatch(/^The edit stopped early: .*broke off.* The image that arrived before that is kept\.$/);
    expect(assets).toHaveLength(1);
    const stored = await sharp(await readObject(assets[0]!.storageKey)).metadata();
    expect(stored.width).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === "output").map((e) => (e.data as { assetId: string }).assetId)).toEqual([assets[0]!.id]);
    expect(events.at(-1)).toMatchObject({ type: "failed", data: expect.objectContaining({ credits: usage.credits, assetIds: [assets[0]!.id] }) });
    expect({ balance: workspace.balance, held: workspace.held }).toEqual({ balance: 1000 - usage.credits, held: 0 });
    await expectBooksClean(user.workspaceSlug);

    // The studio draws the job with its result and the charge.
    const { listRecentJobs } = await import("@/lib/jobs/list-recent-jobs");
    const [view] = await listRecentJobs({ userId: user.userId, workspaceId: user.workspaceId });
    expect(view).toMatchObject({ id: job.id, status: "failed", outputIds: [assets[0]!.id], credits: usage.credits });
  });

  it("a break before any image: no result, the job failed, charged what settlement charged for the text", async () => {
    const { user, job, usage, assets, events } = await runEdit("cut after=2 then=markdown-url-open");
    expect(usage.images).toBe(0);
    expect(job.status).toBe("failed");
    expect(job.credits).toBe(usage.credits);
    expect(job.error).toMatch(/^The edit stopped early: .*broke off/);
    expect(job.error).not.toMatch(/kept/);
    expect(assets).toHaveLength(0);
    expect(events.some((e) => e.type === "output")).toBe(false);
    await expectBooksClean(user.workspaceSlug);
  });
});

async function readObject(key: string): Promise<Buffer> {
  const { getStorage } = await import("@/lib/storage/get-storage");
  const { stream } = await getStorage().getStream(key);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
