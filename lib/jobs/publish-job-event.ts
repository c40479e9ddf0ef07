import "server-only";
import { getPool } from "@/lib/db/client";

export const JOB_EVENTS_CHANNEL = "darkroom_job_events";

export type JobEventType = "queued" | "started" | "progress" | "output" | "succeeded" | "failed" | "cancelled";

/**
 * Appends an event to the job's history and wakes every instance following it, in one statement: any instance
 * can serve any job's progress, and a reconnecting browser replays from the last event id it saw.
 */
export async function publishJobEvent(jobId: string, type: JobEventType, data: Record<string, unknown> = {}): Promise<string> {
  const { rows } = await getPool().query<{ id: string }>(
    `WITH e AS (INSERT INTO job_events (job_id, type, data) VALUES ($1, $2, $3) RETURNING id, job_id)
     SELECT e.id::text AS id, pg_notify('${JOB_EVENTS_CHANNEL}', e.job_id::text) FROM e`,
    [jobId, type, JSON.stringify(data)],
  );
  return rows[0]!.id;
}
