import "server-only";
import { release } from "@/lib/billing/settle";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { PERMISSIONS_BY_ROLE } from "@/lib/workspaces/permissions";
import { publishJobEvent } from "./publish-job-event";

// Anyone may cancel their own edit; roles that may manage others' images may cancel any.
const CANCEL_ANY_ROLES = Object.entries(PERMISSIONS_BY_ROLE)
  .filter(([, permissions]) => permissions.includes("images.delete_any"))
  .map(([role]) => role);

export const JOB_CANCEL_CHANNEL = "darkroom_job_cancel";

/**
 * Cancels a queued or running job of the caller's workspace (`workspaceId`: the one whose permission the caller's
 * action checked; a job of another workspace is "not found", even one where the caller is a member, since their
 * role there was never checked). A queued job is closed here (hold released in full); a running one is told to
 * stop (its worker aborts the model call and settles what was used).
 */
export async function cancelEditJob(caller: { userId: string; workspaceId: string }, unverifiedJobId: string): Promise<void> {
  const { rows } = await getPool().query<{ id: string; status: string; hold_id: string | null }>(
    `UPDATE edit_jobs j SET cancel_requested = true
       FROM memberships m
      WHERE j.id::text = $1 AND j.workspace_id = $4::uuid AND m.workspace_id = j.workspace_id AND m.user_id = $2
        AND j.status IN ('queued', 'running')
        AND (j.user_id = $2 OR m.role::text = ANY($3::text[]))
      RETURNING j.id, j.status, j.hold_id`,
    [unverifiedJobId, caller.userId, CANCEL_ANY_ROLES, caller.workspaceId],
  );
  const job = rows[0];
  if (!job) throw new AppError("not_found", "That edit isn't running any more.");
  if (job.status === "queued") {
    const { rowCount } = await getPool().query(
      `UPDATE edit_jobs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status = 'queued'`,
      [job.id],
    );
    if (rowCount) {
      if (job.hold_id) await release(job.hold_id, "cancelled");
      await publishJobEvent(job.id, "cancelled", {});
      return;
    }
  }
  await getPool().query(`SELECT pg_notify('${JOB_CANCEL_CHANNEL}', $1)`, [job.id]);
}
