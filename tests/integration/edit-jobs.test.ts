import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { storeImageAsset } from "@/lib/assets/store-image-asset";
import { checkLedger } from "@/lib/billing/check-ledger";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { processImage } from "@/lib/images/process-image";
import { cancelEditJob } from "@/lib/jobs/cancel-edit-job";
import { stopEditQueue } from "@/lib/jobs/edit-queue";
import { runEditJob } from "@/lib/jobs/run-edit-job";
import { submitEdit } from "@/lib/jobs/submit-edit";
import { getStorage } from "@/lib/storage/get-storage";
import { seedUser } from "../factories/users";

afterAll(async () => {
  await stopEditQueue();
});

async function uploadRedSquare(user: { userId: string; workspaceId: string }) {
  const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 220, g: 30, b: 30 } } }).png().toBuffer();
  const image = await processImage(png, { maxBytes: env.UPLOAD_MAX_BYTES, maxPixels: env.UPLOAD_MAX_PIXELS });
  return storeImageAsset({ workspaceId: user.workspaceId, createdById: user.userId, kind: "upload", image, originalName: "red.png" });
}

async function readObject(key: string): Promise<Buffer> {
  const { stream } = await getStorage().getStream(key);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe("studio edit jobs", () => {
  it("runs an edit with darkroom-local: result stored with lineage, hold settled once, one usage record", async () => {
    const user = await seedUser();
    const input = await uploadRedSquare(user);
    const { jobId, credits } = await submitEdit({ userId: user.userId }, {
      unverifiedWorkspaceSlug: user.workspaceSlug,
      unverifiedAssetIds: [input.id],
      model: "darkroom-local",
      prompt: "make it grayscale",
    });
    expect(credits).toBe(2); // 1 per request + 1 per output image
    let ws = await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } });
    expect(ws.held).toBe(2);

    await runEditJob(jobId);
    const job = await db.editJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ status: "succeeded", credits: 2 });
    const outputs = await db.asset.findMany({ where: { jobId } });
    expect(outputs).toHaveLength(1);
    const pixels = await sharp(await readObject(outputs[0]!.storageKey)).raw().toBuffer({ resolveWithObject: true });
    expect(pixels.data[0]).toBe(pixels.data[1]); // grayscale: r = g
    const events = await db.jobEvent.findMany({ where: { jobId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["queued", "started", "progress", "output", "succeeded"]));
    expect(events.at(-1)!.type).toBe("succeeded");
    const usage = await db.usageRecord.findMany({ where: { requestId: job.requestId } });
    expect(usage).toEqual([expect.objectContaining({ source: "studio", status: "succeeded", credits: 2, images: 1 })]);
    ws = await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } });
    expect({ balance: ws.balance, held: ws.held }).toEqual({ balance: env.DEFAULT_CREDITS - 2, held: 0 });

    // Running the same job again (a retry after a crash) changes nothing.
    await runEditJob(jobId);
    expect(await db.usageRecord.count({ where: { requestId: job.requestId } })).toBe(1);
    expect(await db.asset.count({ where: { jobId } })).toBe(1);
    expect((await checkLedger()).drift.filter((d) => d.workspace === user.workspaceSlug)).toEqual([]);
  });

  it("cancelling a queued job releases its hold in full", async () => {
    const user = await seedUser();
    const input = await uploadRedSquare(user);
    const { jobId } = await submitEdit({ userId: user.userId }, {
      unverifiedWorkspaceSlug: user.workspaceSlug,
      unverifiedAssetIds: [input.id],
      model: "darkroom-local",
      prompt: "invert",
    });
    await cancelEditJob({ userId: user.userId, workspaceId: user.workspaceId }, jobId);
    const job = await db.editJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.status).toBe("cancelled");
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } });
    expect({ balance: ws.balance, held: ws.held }).toEqual({ balance: env.DEFAULT_CREDITS, held: 0 });
    const usage = await db.usageRecord.findFirstOrThrow({ where: { requestId: job.requestId } });
    expect(usage.status).toBe("cancelled");
    await runEditJob(jobId); // the worker picking it up later does nothing
    expect((await db.editJob.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("cancelled");
  });

  it("another workspace's images and jobs are not found", async () => {
    const owner = await seedUser();
    const stranger = await seedUser();
    const input = await uploadRedSquare(owner);
    const attempt = submitEdit({ userId: stranger.userId }, {
      unverifiedWorkspaceSlug: stranger.workspaceSlug,
      unverifiedAssetIds: [input.id],
      model: "darkroom-local",
      prompt: "blur",
    });
    await expect(attempt).rejects.toMatchObject({ code: "not_found" });
    const { jobId } = await submitEdit({ userId: owner.userId }, {
      unverifiedWorkspaceSlug: owner.workspaceSlug,
      unverifiedAssetIds: [input.id],
      model: "darkroom-local",
      prompt: "blur",
    });
    await expect(cancelEditJob({ userId: stranger.userId, workspaceId: stranger.workspaceId }, jobId)).rejects.toBeInstanceOf(AppError);
    expect((await db.editJob.findUniqueOrThrow({ where: { id: jobId } })).cancelRequested).toBe(false);
  });

  it("refuses an edit the balance can't hold, writing nothing", async () => {
    const user = await seedUser();
    const input = await uploadRedSquare(user);
    await db.$executeRaw`UPDATE workspaces SET held = balance WHERE id = ${user.workspaceId}::uuid`;
    const attempt = submitEdit({ userId: user.userId }, {
      unverifiedWorkspaceSlug: user.workspaceSlug,
      unverifiedAssetIds: [input.id],
      model: "darkroom-local",
      prompt: "sepia",
    });
    await expect(attempt).rejects.toMatchObject({ code: "insufficient_credits" });
    expect(await db.editJob.count({ where: { workspaceId: user.workspaceId } })).toBe(0);
    await db.$executeRaw`UPDATE workspaces SET held = 0 WHERE id = ${user.workspaceId}::uuid`;
  });
});
