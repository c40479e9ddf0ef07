import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { ImageExtractorOptions, ImageReference } from "@/lib/gateway/images/image-reference";
import { openDataSpill } from "@/lib/images/create-data-spill";
import { publishJobEvent } from "@/lib/jobs/publish-job-event";
import { storeJobResults } from "@/lib/jobs/store-job-results";
import { logger } from "@/lib/log/logger";
import type { RelayOutcome } from "../relay/relay-types";
import { runArchiveTask } from "./run-archive-task";

export type ArchiveContext = { requestId: string; workspaceId: string; membershipId: string; userId: string; model: string; prompt: string };

/**
 * Keeps a copy of the images an API call returns in the workspace's gallery. While the response streams, data
 * images are spilled to disk as they are decoded (never held whole); once the call is over, a background task
 * records an API job and stores each image like a studio result. It never delays or alters the response, and a
 * failure here is logged, never the caller's.
 */
export function createApiImageArchive(context: ArchiveContext): { capture: ImageExtractorOptions; finish(outcome: Promise<RelayOutcome>): void } {
  const spill = openDataSpill({ maxBytes: env.UPLOAD_MAX_BYTES * 4 });
  const refs: ImageReference[] = [];
  return {
    capture: { openDataSink: spill.openDataSink, onImage: (ref) => refs.push(ref) },
    finish(outcome) {
      void outcome.then(async ({ kind }) => {
        if (kind === "failed" || refs.length === 0) return spill.dispose();
        runArchiveTask(async () => {
          try {
            const job = await db.editJob.create({
              data: {
                workspaceId: context.workspaceId,
                membershipId: context.membershipId,
                userId: context.userId,
                source: "api",
                model: context.model,
                prompt: context.prompt,
                status: "succeeded",
                requestId: context.requestId,
                startedAt: new Date(),
                finishedAt: new Date(),
              },
              select: { id: true },
            });
            const stored = await storeJobResults({ id: job.id, workspaceId: context.workspaceId, userId: context.userId, model: context.model }, refs, spill, AbortSignal.timeout(120_000), { enforceQuota: true });
            // The job was recorded finished; its terminal event lets anyone following it see the results and stop.
            await publishJobEvent(job.id, "succeeded", { assetIds: stored.assetIds });
          } catch (err) {
            logger.warn({ requestId: context.requestId, err }, "archiving API images failed");
          } finally {
            await spill.dispose().catch(() => {});
          }
        });
      });
    },
  };
}
