import "server-only";
import { getPool } from "@/lib/db/client";
import type { JobOutcome } from "./record-job-run";

const BATCH = 5000;
const RUNS_KEPT_DAYS = 90;

/**
 * Retention of the job tables: progress events of edits finished more than `days` ago (a stream of such an edit
 * is answered from the job row, see closeFinishedJobEvents; the edits, their results and their usage stay), and
 * maintenance runs older than 90 days. Deletes in batches so no statement holds many locks for long. pg-boss
 * keeps its own tables (finished queue jobs are deleted by its maintenance after its retention).
 */
export async function purgeJobHistory(days: number): Promise<JobOutcome> {
  const pool = getPool();
  let events = 0;
  for (;;) {
    const { rowCount } = await pool.query(
      `DELETE FROM job_events WHERE id IN (
         SELECT e.id FROM job_events e JOIN edit_jobs j ON j.id = e.job_id
          WHERE j.finished_at < now() - make_interval(days => $1::int) AND j.status NOT IN ('queued', 'running')
          LIMIT $2)`,
      [days, BATCH],
    );
    events += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) break;
  }
  const { rowCount: runs } = await pool.query(`DELETE FROM job_runs WHERE started_at < now() - make_interval(days => $1::int)`, [RUNS_KEPT_DAYS]);
  return { ok: true, removed: events + (runs ?? 0), summary: { jobEvents: events, jobRuns: runs ?? 0, olderThanDays: days } };
}
