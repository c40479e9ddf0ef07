import "server-only";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/**
 * Clears the caller's own finished edit from the studio's list. Only the tile goes: the job, its results in the
 * gallery and its usage stay. The membership is part of the statement, so another workspace's job is "not found".
 */
export async function clearEditJob(caller: { userId: string; workspaceId: string }, unverifiedJobId: string): Promise<void> {
  const { rowCount } = await getPool().query(
    `UPDATE edit_jobs j SET cleared_at = now()
       FROM memberships m
      WHERE j.id::text = $1 AND j.workspace_id = $3 AND m.workspace_id = j.workspace_id AND m.user_id = $2
        AND j.user_id = $2 AND j.status IN ('succeeded', 'failed', 'cancelled') AND j.cleared_at IS NULL`,
    [unverifiedJobId, caller.userId, caller.workspaceId],
  );
  if (!rowCount) throw new AppError("not_found", "That edit can't be cleared: it's still running, already cleared, or not yours.");
}
