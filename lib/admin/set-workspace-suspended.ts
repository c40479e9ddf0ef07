import "server-only";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

// One statement: the switch, the reason its members see, and the audit row with the old and new state. Admission
// (darkroom_admit) refuses a suspended workspace's calls, API and studio alike, from the next call on.
const SQL = `
  WITH old AS (SELECT id, suspended, suspended_reason FROM workspaces WHERE id = $1::uuid FOR UPDATE),
  updated AS (
    UPDATE workspaces w SET suspended = $2::boolean, suspended_reason = CASE WHEN $2::boolean THEN $3::text END
    FROM old WHERE w.id = old.id
    RETURNING w.id, w.slug
  ), a AS (
    INSERT INTO audit_logs (id, actor_id, workspace_id, action, target, data)
    SELECT gen_random_uuid(), $4::uuid, updated.id, CASE WHEN $2::boolean THEN 'workspace.suspended' ELSE 'workspace.resumed' END,
           updated.slug, jsonb_build_object('reason', $3::text, 'old', jsonb_build_object('suspended', old.suspended, 'reason', old.suspended_reason))
    FROM updated, old
  )
  SELECT slug FROM updated`;

/** Suspends (with a reason) or resumes a workspace; audited. */
export async function setWorkspaceSuspended(input: { workspaceId: string; suspended: boolean; reason: string; actorId: string }): Promise<void> {
  const { rowCount } = await getPool().query(SQL, [input.workspaceId, input.suspended, input.suspended ? input.reason : null, input.actorId]);
  if (!rowCount) throw new AppError("not_found", "That workspace no longer exists.");
}
