import { createHash, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { getStorage } from "@/lib/storage/get-storage";
import { makeObjectKey } from "@/lib/storage/make-object-key";

type SeedAssetOptions = {
  workspaceId: string;
  createdById?: string | null;
  kind?: "upload" | "result";
  model?: string | null;
  createdAt?: Date;
  jobId?: string | null;
  originalName?: string | null;
  /** Store these bytes as the original (and a small stand-in thumbnail) in the configured storage. */
  bytes?: Buffer;
};

/** An asset row written directly (valid server-made keys); objects only when `bytes` is given. */
export async function seedAsset(options: SeedAssetOptions) {
  const kind = options.kind ?? (options.jobId ? "result" : "upload");
  const bytes = options.bytes ?? Buffer.from(randomUUID());
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = makeObjectKey(options.workspaceId, kind === "upload" ? "uploads" : "results", "png");
  const thumbKey = makeObjectKey(options.workspaceId, "thumbs", "webp");
  if (options.bytes) {
    await getStorage().put(storageKey, bytes, { contentType: "image/png" });
    await getStorage().put(thumbKey, Buffer.from(`thumb of ${sha256}`), { contentType: "image/webp" });
  }
  return db.asset.create({
    data: {
      workspaceId: options.workspaceId,
      createdById: options.createdById ?? null,
      kind,
      storageKey,
      thumbKey,
      mime: "image/png",
      bytes: bytes.byteLength,
      width: 640,
      height: 480,
      sha256,
      dedupeKey: kind === "upload" ? sha256 : null,
      originalName: options.originalName ?? null,
      jobId: options.jobId ?? null,
      model: kind === "result" ? (options.model ?? "darkroom-local") : (options.model ?? null),
      createdAt: options.createdAt,
    },
  });
}

type SeedEditOptions = {
  workspaceId: string;
  userId: string;
  inputs: string[];
  outputs?: number;
  model?: string;
  prompt?: string;
  credits?: number;
  promptTokens?: number;
  completionTokens?: number;
  status?: "queued" | "running" | "succeeded";
  createdAt?: Date;
};

/** A finished edit as the worker leaves it: usage record, job with inputs in order, and its result assets. */
export async function seedEdit(options: SeedEditOptions) {
  const model = options.model ?? "darkroom-local";
  const membership = await db.membership.findUniqueOrThrow({
    where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.userId } },
    select: { id: true },
  });
  const usage = await db.usageRecord.create({
    data: {
      requestId: `job_${randomUUID()}`,
      workspaceId: options.workspaceId,
      userId: options.userId,
      source: "studio",
      model,
      status: "succeeded",
      promptTokens: options.promptTokens ?? 120,
      completionTokens: options.completionTokens ?? 30,
      totalTokens: (options.promptTokens ?? 120) + (options.completionTokens ?? 30),
      credits: options.credits ?? 7,
    },
  });
  const job = await db.editJob.create({
    data: {
      workspaceId: options.workspaceId,
      membershipId: membership.id,
      userId: options.userId,
      model,
      prompt: options.prompt ?? "make it moody",
      status: options.status ?? "succeeded",
      requestId: usage.requestId,
      usageRecordId: usage.id,
      credits: options.status && options.status !== "succeeded" ? null : (options.credits ?? 7),
      createdAt: options.createdAt,
      inputs: { create: options.inputs.map((assetId, position) => ({ assetId, position })) },
    },
  });
  const outputs = [];
  for (let i = 0; i < (options.outputs ?? 1); i++) {
    const createdAt = options.createdAt ? new Date(options.createdAt.getTime() + i) : undefined;
    outputs.push(await seedAsset({ workspaceId: options.workspaceId, createdById: options.userId, jobId: job.id, model, createdAt }));
  }
  return { job, outputs };
}
