import "server-only";
import { getPool } from "@/lib/db/client";
import type { JobProgress, JobStatus, JobView } from "./job-view";

type JobRow = {
  id: string;
  model: string;
  prompt: string;
  status: JobStatus;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  progress_text: string | null;
  last_progress: { text?: unknown; percent?: unknown } | null;
  input_ids: string[] | null;
  output_ids: string[] | null;
  held: number | null;
  credits: number | null;
  error: string | null;
  result_text: string | null;
  last_event_id: string | null;
  mine: boolean;
  n: number;
};

function progressOf(row: JobRow): JobProgress | null {
  if (row.status !== "running") return null;
  const text = typeof row.last_progress?.text === "string" ? row.last_progress.text : row.progress_text;
  const percent = typeof row.last_progress?.percent === "number" ? row.last_progress.percent : null;
  return text ? { text, percent } : null;
}

/**
 * The workspace's edits of the last `hours` (newest first) as the studio first draws them: state, last
 * progress, inputs and outputs in order, the credits held and charged, and the id of the last event so the
 * browser's event stream resumes right after it. One statement; the caller's membership is part of it.
 */
export async function listRecentJobs(caller: { userId: string; workspaceId: string }, options: { hours?: number; limit?: number } = {}): Promise<JobView[]> {
  const { rows } = await getPool().query<JobRow>(
    `SELECT j.id::text AS id, j.model, j.prompt, j.status::text AS status, j.created_at, j.started_at, j.finished_at,
            j.progress_text, j.credits, COALESCE((j.params->>'n')::int, 1) AS n, j.error, j.result_text, j.user_id = $1 AS mine,
            (SELECT array_agg(i.asset_id::text ORDER BY i.position) FROM job_inputs i WHERE i.job_id = j.id) AS input_ids,
            (SELECT array_agg(a.id::text ORDER BY a.created_at, a.id) FROM assets a WHERE a.job_id = j.id AND a.workspace_id = j.workspace_id) AS output_ids,
            (SELECT h.amount FROM holds h WHERE h.id = j.hold_id) AS held,
            (SELECT e.data FROM job_events e WHERE e.job_id = j.id AND e.type = 'progress' ORDER BY e.id DESC LIMIT 1) AS last_progress,
            (SELECT max(e.id)::text FROM job_events e WHERE e.job_id = j.id) AS last_event_id
       FROM edit_jobs j JOIN memberships m ON m.workspace_id = j.workspace_id AND m.user_id = $1
      WHERE j.workspace_id = $2 AND j.source = 'studio' AND NOT (j.user_id = $1 AND j.cleared_at IS NOT NULL) AND j.created_at > now() - make_interval(hours => $3)
      ORDER BY j.created_at DESC, j.id DESC
      LIMIT $4`,
    [caller.userId, caller.workspaceId, options.hours ?? 24, options.limit ?? 50],
  );
  return rows.map((row) => ({
    id: row.id,
    model: row.model,
    prompt: row.prompt,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    progress: progressOf(row),
    inputIds: row.input_ids ?? [],
    outputIds: row.output_ids ?? [],
    heldCredits: row.held,
    credits: row.credits,
    error: row.error,
    resultText: row.result_text,
    lastEventId: row.last_event_id ?? "0",
    mine: row.mine,
    n: row.n,
  }));
}
