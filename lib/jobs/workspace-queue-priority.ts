import "server-only";
import { getPool } from "@/lib/db/client";

/**
 * The queue priority of a workspace's next edit: minus the number of its edits already waiting or running.
 * pg-boss hands out jobs by priority, then age, so the k-th outstanding edit of every workspace comes before
 * anyone's (k+1)-th: a workspace with nothing queued goes ahead of a busy one's backlog, however long, and two
 * busy workspaces take turns. The rank is fixed at submission and stored with the job in pg-boss, so it holds
 * across restarts and instances; the per-workspace cap (groupConcurrency) keeps one workspace from taking every
 * worker meanwhile. Concurrent submissions of one workspace may share a rank, which only reorders its own jobs.
 */
export async function workspaceQueuePriority(workspaceId: string, jobId: string): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM edit_jobs WHERE workspace_id = $1 AND status IN ('queued', 'running') AND id <> $2`,
    [workspaceId, jobId],
  );
  return -(rows[0]?.n ?? 0);
}
