import "server-only";
import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";

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

export async function enqueueEditJob(jobId: string): Promise<void> {
  const boss = await getEditQueue();
  // singletonKey: re-enqueueing a job that is already queued is a no-op.
  await boss.send(EDIT_QUEUE, { jobId } satisfies EditJobMessage, { singletonKey: jobId });
}

export async function stopEditQueue(): Promise<void> {
  const boss = await state.boss?.catch(() => undefined);
  state.boss = undefined;
  await boss?.stop({ graceful: false, close: true }).catch(() => {});
}
