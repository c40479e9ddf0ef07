import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { EDIT_QUEUE, getEditQueue, type EditJobMessage } from "./edit-queue";
import { runEditJob } from "./run-edit-job";

let started: Promise<void> | undefined;

/** Starts taking edit jobs in this process (inside the app by default, or alone via `npm run worker`). */
export function startEditWorker(): Promise<void> {
  started ??= (async () => {
    const boss = await getEditQueue();
    const options = {
      localConcurrency: env.WORKER_CONCURRENCY,
      // Counted in the database over every worker and instance: one workspace's backlog never takes them all.
      groupConcurrency: env.JOB_WORKSPACE_CONCURRENCY,
      batchSize: 1,
      pollingIntervalSeconds: 1,
    };
    await boss.work<EditJobMessage>(EDIT_QUEUE, options, async (jobs) => {
      for (const job of jobs) await runEditJob(job.data.jobId);
    });
    logger.info({ concurrency: env.WORKER_CONCURRENCY, perWorkspace: env.JOB_WORKSPACE_CONCURRENCY }, "edit worker started");
  })();
  started.catch((err: unknown) => {
    logger.error({ err }, "edit worker failed to start");
    started = undefined;
  });
  return started;
}
