import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { logger } from "@/lib/log/logger";

export type JobOutcome = { ok: boolean; removed?: number; summary?: Prisma.InputJsonValue };

/**
 * Runs one maintenance job and keeps its run in `job_runs` (started, finished, whether it found things in order,
 * what it removed), for the health panel. A job that throws is recorded as failed with its message, and the
 * error goes on to the caller (pg-boss then marks the job failed too).
 */
export async function recordJobRun(job: string, run: () => Promise<JobOutcome>): Promise<JobOutcome> {
  const row = await db.jobRun.create({ data: { job }, select: { id: true } });
  try {
    const outcome = await run();
    await db.jobRun.update({
      where: { id: row.id },
      data: { finishedAt: new Date(), ok: outcome.ok, removed: outcome.removed ?? 0, summary: outcome.summary },
    });
    return outcome;
  } catch (err) {
    logger.error({ err, job }, "maintenance job failed");
    const message = err instanceof Error ? err.message.slice(0, 500) : "failed";
    await db.jobRun.update({ where: { id: row.id }, data: { finishedAt: new Date(), ok: false, error: message } }).catch(() => {});
    throw err;
  }
}
