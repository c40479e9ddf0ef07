import "server-only";
import { release } from "@/lib/billing/settle";
import { publishJobEvent } from "@/lib/jobs/publish-job-event";
import { logger } from "@/lib/log/logger";
import type { StoppedWork } from "./stop-member-work";

/**
 * After the removal committed: refunds the holds of the queued edits it cancelled (release is idempotent, and
 * the hold sweeper would release a hold missed here) and tells the browsers following them.
 */
export async function finishStoppedWork(work: StoppedWork): Promise<void> {
  await Promise.all(
    work.cancelledJobs.map(async (job) => {
      try {
        if (job.holdId) await release(job.holdId, "cancelled");
        await publishJobEvent(job.id, "cancelled", {});
      } catch (err) {
        logger.warn({ err, jobId: job.id }, "cancelled job not fully closed; the hold sweeper will release it");
      }
    }),
  );
}
