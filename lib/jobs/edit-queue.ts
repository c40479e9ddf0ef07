import "server-only";
import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { workspaceQueuePriority } from "./workspace-queue-priority";

export const EDIT_QUEUE = "edit-jobs";

export type EditJobMessage = { jobId: string };

type QueueGlobals = { boss?: Promise<PgBoss> };
const globals = globalThis as typeof globalThis & { __darkroomQueue?: QueueGlobals };
const state: QueueGlobals = (globals.__darkroomQueue ??= {});

/**
 * The process's pg-boss instance (its own `pgboss` schema in Darkroom's database). A job whose worker dies
 * stops sending heartbeats; pg-boss then retries it elsewhere, which is how edits survive restarts.
 */
export function getEditQueue(): Promise<PgBoss> {
  state.boss ??= (async () => {
    const boss = new PgBoss({
      connectionString: env.DATABASE_URL!,
      schema: "pgboss",
      max: 4,
      superviseIntervalSeconds: env.JOB_SUPERVISE_SECONDS,
      monitorIntervalSeconds: env.JOB_SUPERVISE_SECONDS,
      application_name: "darkroom-jobs",
    });
    boss.on("error", (err: unknown) => logger.warn({ err }, "job queue error"));
    await boss.start();
    await boss.createQueue(EDIT_QUEUE, {
      retryLimit: 5,
      retryDelay: 1,
      heartbeatSeconds: 10,
      // Longer than the upstream's total deadline, so a live job is never expired under it.
      expireInSeconds: Math.ceil(env.UPSTREAM_TIMEOUT_MS / 1000) + 300,
    }).catch((error: unknown) => {
      if (!/already exists/i.test(String(error))) throw error;
    });
    return boss;
  })();
  state.boss.catch(() => (state.boss = undefined));
  return state.boss;
}

/**
 * Queues a job fairly: grouped by workspace (the worker caps each group's running jobs, see startEditWorker)
 * and ranked behind the workspace's own outstanding jobs (see workspaceQueuePriority).
 */
export async function enqueueEditJob(job: { id: string; workspaceId: string }): Promise<void> {
  const boss = await getEditQueue();
  const priority = await workspaceQueuePriority(job.workspaceId, job.id);
  // singletonKey: re-enqueueing a job that is already queued is a no-op.
  await boss.send(EDIT_QUEUE, { jobId: job.id } satisfies EditJobMessage, { singletonKey: job.id, priority, group: { id: job.workspaceId } });
}

export async function stopEditQueue(): Promise<void> {
  const boss = await state.boss?.catch(() => undefined);
  state.boss = undefined;
  await boss?.stop({ graceful: false, close: true }).catch(() => {});
}
