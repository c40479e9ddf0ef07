import "server-only";
import { getEditQueue } from "@/lib/jobs/edit-queue";
import { logger } from "@/lib/log/logger";
import { MAINTENANCE, MAINTENANCE_JOBS, maintenanceQueue } from "./maintenance-jobs";
import { recordJobRun } from "./record-job-run";

/**
 * Schedules the maintenance jobs with pg-boss cron and works them in this process. Every instance calls this:
 * the schedules are rows (scheduling again only updates them), pg-boss sends each tick's job once whichever
 * instances are up, and the `stately` policy keeps at most one of a job queued and one running, so a slow sweep
 * is never run twice at once and ticks missed meanwhile do not pile up.
 */
export async function startMaintenance(): Promise<void> {
  const boss = await getEditQueue();
  for (const job of MAINTENANCE_JOBS) {
    const queue = maintenanceQueue(job);
    await boss.createQueue(queue, { policy: "stately", retryLimit: 1, expireInSeconds: 3600 }).catch((error: unknown) => {
      if (!/already exists/i.test(String(error))) throw error;
    });
    await boss.schedule(queue, MAINTENANCE[job].cron, null, { tz: "UTC" });
    await boss.work(queue, { batchSize: 1 }, async () => {
      await recordJobRun(job, MAINTENANCE[job].run);
    });
  }
  logger.info({ jobs: MAINTENANCE_JOBS }, "maintenance jobs scheduled");
}
