import "server-only";
import { release } from "@/lib/billing/settle";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { relayAndSettle } from "@/lib/gateway/core/relay-and-settle";
import { isGatewayError } from "@/lib/gateway/gateway-error";
import { createDataSpill } from "@/lib/images/create-data-spill";
import { logger } from "@/lib/log/logger";
import { buildEditRequest } from "./build-edit-request";
import { collectJobOutput } from "./collect-job-output";
import { publishJobEvent } from "./publish-job-event";
import { readInputImageUrls } from "./read-input-images";
import { resumeAdmittedCall } from "./resume-admitted-call";
import { storeJobResults } from "./store-job-results";
import { finishJob, markJobRunning, setJobProgress } from "./update-edit-job";
import { watchJobCancel } from "./watch-job-cancel";

async function fail(jobId: string, message: string, credits: number | null = 0, resultText: string | null = null) {
  if (await finishJob(jobId, "failed", { error: message, credits, resultText })) await publishJobEvent(jobId, "failed", { message, credits, text: resultText });
}

/**
 * Runs one edit job through the same relay + settle as /v1 (pricing, retries, limits and usage records are
 * identical). Safe to run again for the same job (a retry after a crash): finished jobs are left alone and the
 * job's own hold is settled exactly once.
 */
export async function runEditJob(jobId: string): Promise<void> {
  const job = await db.editJob.findUnique({ where: { id: jobId } });
  if (!job || !["queued", "running"].includes(job.status)) return;
  if (job.cancelRequested) {
    if (job.holdId) await release(job.holdId, "cancelled");
    if (await finishJob(job.id, "cancelled", { credits: 0 })) await publishJobEvent(job.id, "cancelled", { credits: 0 });
    return;
  }
  const controller = new AbortController();
  const stopWatching = watchJobCancel(job.id, controller);
  const spill = await createDataSpill({ maxBytes: env.UPLOAD_MAX_BYTES * 4 });
  try {
    const imageUrls = await readInputImageUrls(job.id, job.workspaceId);
    const n = (job.params as { n?: number } | null)?.n;
    const request = buildEditRequest({ model: job.model, prompt: job.prompt, imageUrls, n });
    const call = await resumeAdmittedCall(job, request);
    if (!call) return fail(job.id, "This edit was interrupted for too long and was stopped. Nothing was charged.");
    if (!(await markJobRunning(job.id))) return;
    await publishJobEvent(job.id, "started", {});

    let relayed;
    try {
      relayed = await relayAndSettle(call, {
        body: request,
        publicModel: call.model.id,
        upstreamModel: call.model.upstreamName,
        stream: true,
        callerWantsUsage: false,
        requestId: job.requestId,
        signal: controller.signal,
        waitForCapacity: true,
      });
    } catch (error) {
      if (controller.signal.aborted) return void (await finishJob(job.id, "cancelled", { credits: 0 }) && (await publishJobEvent(job.id, "cancelled", { credits: 0 })));
      return fail(job.id, isGatewayError(error) ? error.message : "The model could not be reached.");
    }
    let lastProgress = 0;
    const output = await collectJobOutput(relayed.response.body!, {
      openDataSink: spill.openDataSink,
      onProgress: (text, percent) => {
        const now = Date.now();
        if (now - lastProgress < 250 && percent !== 100) return; // a chatty model must not flood the events table
        lastProgress = now;
        void setJobProgress(job.id, text).catch(() => {});
        void publishJobEvent(job.id, "progress", { text, percent }).catch(() => {});
      },
    }).catch((error: unknown) => ({ images: [], text: "", error: controller.signal.aborted ? null : String(error) }));
    const settled = await relayed.settled;
    const credits = settled?.charge ?? 0;
    if (controller.signal.aborted) {
      if (await finishJob(job.id, "cancelled", { credits })) await publishJobEvent(job.id, "cancelled", { credits });
      return;
    }
    if (output.error) return fail(job.id, `The model reported an error: ${output.error}`, credits);
    const stored = await storeJobResults(job, output.images, spill, controller.signal);
    if (stored.assetIds.length === 0) {
      const why = output.images.length ? `Its image could not be used: ${stored.rejected[0]}` : "The model answered without an image.";
      return fail(job.id, why, credits, output.text || null);
    }
    for (const assetId of stored.assetIds) await publishJobEvent(job.id, "output", { assetId });
    if (await finishJob(job.id, "succeeded", { credits, resultText: output.text || null })) {
      await publishJobEvent(job.id, "succeeded", { credits, assetIds: stored.assetIds });
    }
  } catch (error) {
    logger.error({ jobId, err: error }, "edit job crashed");
    throw error; // the queue retries it; the job's hold is still open or already settled, never twice
  } finally {
    stopWatching();
    await spill.dispose().catch(() => {});
  }
}
