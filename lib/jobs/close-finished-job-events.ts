import "server-only";
import { getPool } from "@/lib/db/client";
import { JOB_EVENTS_CHANNEL } from "./publish-job-event";

/**
 * Appends the terminal event of a job that finished without one, so every stream following it ends: API calls
 * archived in the gallery are recorded as finished jobs, and a worker could stop between finishing a job and
 * publishing its event. Only a job finished a while ago qualifies (its own worker publishes within moments,
 * with the same data). The event carries what the job row holds: status, credits, message, result ids.
 * Returns whether an event was appended.
 */
export async function closeFinishedJobEvents(jobId: string): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `WITH e AS (
       INSERT INTO job_events (job_id, type, data)
       SELECT j.id, j.status::text,
              jsonb_strip_nulls(jsonb_build_object(
                'credits', j.credits,
                'message', CASE WHEN j.status = 'failed' THEN coalesce(j.error, 'The edit failed.') END,
                'text', j.result_text,
                'assetIds', (SELECT coalesce(jsonb_agg(a.id ORDER BY a.created_at, a.id), '[]'::jsonb) FROM assets a WHERE a.job_id = j.id)))
       FROM edit_jobs j
       WHERE j.id = $1
         AND j.status IN ('succeeded', 'failed', 'cancelled')
         AND j.finished_at < now() - interval '5 seconds'
         AND NOT EXISTS (SELECT 1 FROM job_events t WHERE t.job_id = j.id AND t.type IN ('succeeded', 'failed', 'cancelled'))
       RETURNING job_id)
     SELECT pg_notify('${JOB_EVENTS_CHANNEL}', job_id::text) FROM e`,
    [jobId],
  );
  return (rowCount ?? 0) > 0;
}
