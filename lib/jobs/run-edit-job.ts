import "server-only";
import { keepHoldAlive } from "@/lib/billing/keep-holds-alive";
import { release } from "@/lib/billing/settle";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { relayAndSettle } from "@/lib/gateway/core/relay-and-settle";
import { isGatewayError } from "@/lib/gateway/gateway-error";
import { createDataSpill } from "@/lib/images/create-data-spill";
import { logger } from "@/lib/log/logger";
import { buildEditRequest } from "./build-edit-request";
import { claimEditJob, WORKSPACE_BUSY } from "./claim-edit-job";
import { collectJobOutput } from "./collect-job-output";
import { describeLostHold } from "./describe-lost-hold";
import { publishJobEvent } from "./publish-job-event";
import { readInputImageUrls } from "./read-input-images";
import { resumeAdmittedCall } from "./resume-admitted-call";
import { storeJobResults } from "./store-job-results";
import { finishJob, setJobProgress } from "./update-edit-job";
import { watchJobCancel } from "./watch-job-cancel";

const HOLD_LOST = "This edit's credit hold expired before it finished, so it was stopped. Nothing was charged.";

async function fail(jobId: string, message: string, credits: number | null = 0, resultText: string | null = null, assetIds: string[] = []) {
  if (await finishJob(jobId, "failed", { error: message, credits, resultText })) {
    await publishJobEvent(jobId, "failed", { message, credits, text: resultText, ...(assetIds.length ? { assetIds } : {}) });
  }
}

/**
 * A job whose answer broke off after some images arrived stays `failed` (the edit did not finish: a model asked for
 * several images may have sent fewer), but keeps those images as its results, and shows what it was charged for them.
 */
function keptNote(kept: number): string {
  if (kept === 0) return "";
  return kept === 1 ? " The image that arrived before that is kept." : ` The ${kept} images that arrived before that are kept.`;
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
  // Pickup claims the job and beats its hold in one statement; from here until settlement the worker keeps
  // beating it, and a beat that finds it gone stops the model call (nobody would pay for the rest).
  let hold = await claimEditJob(job.id, job.workspaceId);
  // Over the workspace's cap only when fetches raced (see claimEditJob): wait for one of its edits to end.
  // The wait is bounded: past it the edit runs anyway (the cap is a fairness rule, not a reason to stall a worker).
  for (const giveUpAt = Date.now() + 60_000; hold === WORKSPACE_BUSY; ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    hold = await claimEditJob(job.id, job.workspaceId, { ignoreCap: Date.now() > giveUpAt });
  }
  if (!hold) {
    const lost = await describeLostHold(job.usageRecordId);
    return fail(job.id, lost.message, lost.credits);
  }
  const spill = await createDataSpill({ maxBytes: env.UPLOAD_MAX_BYTES * 4 });
  const controller = new AbortController();
  const holdLost = new Error("hold lost");
  let callOver = false;
  const stopHeartbeat = keepHoldAlive(hold.holdId, env.HOLD_EXPIRY_MS, () => callOver || controller.abort(holdLost));
  const stopWatching = watchJobCancel(job.id, controller);
  try {
    const imageUrls = await readInputImageUrls(job.id, job.workspaceId);
    const n = (job.params as { n?: number } | null)?.n;
    const request = buildEditRequest({ model: job.model, prompt: job.prompt, imageUrls, n });
    const call = await resumeAdmittedCall(job, hold, request);
    if (!call) {
      await release(hold.holdId, "failed");
      return fail(job.id, "The model of this edit is no longer available. Nothing was charged.");
    }
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
      if (controller.signal.reason === holdLost) return fail(job.id, HOLD_LOST);
      if (controller.signal.aborted) return void (await finishJob(job.id, "cancelled", { credits: 0 }) && (await publishJobEvent(job.id, "cancelled", { credits: 0 })));
      return fail(job.id, isGatewayError(error) ? error.message : "The model could not be reached.");
    }
    void relayed.outcome.finally(() => (callOver = true)).catch(() => {});
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
    stopHeartbeat();
    // What the studio shows is what settlement wrote: a hold that was already closed charged nothing.
    const credits = settled?.settled ? settled.charge : 0;
    if (controller.signal.reason === holdLost || settled?.settled === false) return fail(job.id, HOLD_LOST);
    if (controller.signal.aborted) {
      if (await finishJob(job.id, "cancelled", { credits })) await publishJobEvent(job.id, "cancelled", { credits });
      return;
    }
    // Images that reached us before an error or a break are stored even then, as many as settlement charged for.
    const billed = output.error ? (await relayed.outcome).images : output.images.length;
    const stored = await storeJobResults(job, output.images.slice(0, billed), spill, controller.signal);
    if (output.error) {
      for (const assetId of stored.assetIds) await publishJobEvent(job.id, "output", { assetId });
      return fail(job.id, `The edit stopped early: ${output.error}${keptNote(stored.assetIds.length)}`, credits, null, stored.assetIds);
    }
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
    stopHeartbeat();
    stopWatching();
    await spill.dispose().catch(() => {});
  }
}
