import "server-only";
import { randomUUID } from "node:crypto";
import { storageFullError } from "@/lib/assets/storage-full-error";
import { release } from "@/lib/billing/settle";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { getCatalogModel } from "@/lib/gateway/catalog/get-catalog-model";
import { admitCall } from "@/lib/gateway/core/admit-call";
import { isGatewayError } from "@/lib/gateway/gateway-error";
import { can } from "@/lib/workspaces/permissions";
import { rememberStudioModel } from "@/lib/users/remember-studio-model";
import { getMemberWorkspace } from "@/lib/workspaces/get-member-workspace";
import { buildEditRequest } from "./build-edit-request";
import { consumeEditSubmission } from "./consume-edit-submission";
import { enqueueEditJob } from "./edit-queue";
import { publishJobEvent } from "./publish-job-event";
import { finishJob } from "./update-edit-job";

export type SubmitEditInput = {
  unverifiedWorkspaceSlug: string;
  /** In the order the model should see them. */
  unverifiedAssetIds: string[];
  model: string;
  prompt: string;
  n?: number;
};

/**
 * Submits an edit: authorises the member, admits it once (hold + pending usage record, source studio) and
 * creates the durable job the worker runs. The job owns the hold from here until settlement.
 */
export async function submitEdit(caller: { userId: string }, input: SubmitEditInput): Promise<{ jobId: string; credits: number }> {
  const workspace = await getMemberWorkspace(caller, input.unverifiedWorkspaceSlug);
  if (!workspace) throw new AppError("not_found", "Workspace not found");
  if (!can(workspace.membership.role, "images.create")) throw new AppError("forbidden", "Your role in this workspace can't create edits.");
  await consumeEditSubmission(workspace.membership.id);
  // Results always count against the storage quota (they are paid for), so a full workspace takes no new edits.
  const stored = await db.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { storageUsed: true } });
  if (Number(stored.storageUsed) >= env.STORAGE_QUOTA_BYTES) throw storageFullError({ used: Number(stored.storageUsed), quota: env.STORAGE_QUOTA_BYTES });
  const assets = await db.asset.findMany({
    where: { id: { in: input.unverifiedAssetIds }, workspaceId: workspace.id },
    select: { id: true },
  });
  if (assets.length !== new Set(input.unverifiedAssetIds).size) throw new AppError("not_found", "One of the chosen images no longer exists.");
  const model = await getCatalogModel(input.model);
  if (!model?.usable) throw new AppError("invalid_input", "That model isn't available right now.", { field: "model" });

  const requestId = `job_${randomUUID()}`;
  // Placeholders stand in for the images: the hold counts each image as a fixed token count, never its bytes.
  const request = buildEditRequest({ model: model.id, prompt: input.prompt, imageUrls: input.unverifiedAssetIds.map(() => "data:image/png;base64,"), n: input.n });
  let call;
  try {
    call = await admitCall({
      requestId,
      payer: { workspaceId: workspace.id, membershipId: workspace.membership.id, userId: caller.userId, apiKeyId: null },
      model,
      request,
      source: "studio",
    });
  } catch (error) {
    if (isGatewayError(error) && error.kind === "insufficient_quota") throw new AppError("insufficient_credits", error.message.replace("this request", "this edit"));
    if (isGatewayError(error) && error.kind === "workspace_suspended") throw new AppError("forbidden", "This workspace is suspended.");
    throw error;
  }
  let jobId: string;
  try {
    const job = await db.editJob.create({
      data: {
        workspaceId: workspace.id,
        membershipId: workspace.membership.id,
        userId: caller.userId,
        model: model.id,
        prompt: input.prompt,
        params: { n: input.n ?? 1 },
        requestId,
        holdId: call.holdId,
        usageRecordId: call.usageRecordId,
        inputs: { create: input.unverifiedAssetIds.map((assetId, position) => ({ assetId, position })) },
      },
      select: { id: true },
    });
    jobId = job.id;
  } catch (error) {
    await release(call.holdId, "failed");
    throw error;
  }
  // The person's default from now on; losing it costs nothing but a default, so it never fails the edit. Before
  // the job is queued, so the submit's response isn't held up after the edit may already have run.
  await rememberStudioModel(caller, model.id).catch(() => {});
  await publishJobEvent(jobId, "queued", { credits: call.holdAmount });
  try {
    await enqueueEditJob({ id: jobId, workspaceId: workspace.id });
  } catch (error) {
    // The sweeper leaves holds of queued jobs alone, so a job the queue never got must not stay queued.
    const message = "This edit could not be queued. Nothing was charged.";
    if (await finishJob(jobId, "failed", { error: message, credits: 0 })) await publishJobEvent(jobId, "failed", { message, credits: 0 }).catch(() => {});
    await release(call.holdId, "failed");
    throw new AppError("unavailable", "Edits can't be queued right now. Nothing was charged; please try again shortly.", { cause: error });
  }
  return { jobId, credits: call.holdAmount };
}
