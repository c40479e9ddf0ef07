import "server-only";
import type { db } from "@/lib/db/client";
import { API_KEYS_CHANNEL } from "@/lib/gateway/keys/create-api-key-resolver";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export type StoppedWork = { cancelledJobs: Array<{ id: string; holdId: string | null }> };

/**
 * Inside the transaction that removes a member (or a whole team, `userId` null): revokes their API keys (and
 * tells every instance's key cache on commit), closes their queued edits as cancelled, and asks their running
 * edits to stop (the worker sees cancel_requested, aborts and settles what was used). The holds of the closed
 * queued edits are released by `finishStoppedWork` after commit.
 */
export async function stopMemberWork(tx: Tx, scope: { workspaceId: string; userId: string | null; actorId: string }): Promise<StoppedWork> {
  await tx.$queryRaw`
    WITH revoked AS (
      UPDATE api_keys SET revoked_at = now()
       WHERE workspace_id = ${scope.workspaceId}::uuid AND revoked_at IS NULL
         AND (${scope.userId}::uuid IS NULL OR created_by_id = ${scope.userId}::uuid)
      RETURNING id, hash
    ), audit AS (
      INSERT INTO audit_logs (id, actor_id, workspace_id, action, target)
      SELECT gen_random_uuid(), ${scope.actorId}::uuid, ${scope.workspaceId}::uuid, 'api_key.revoked', id::text FROM revoked
    )
    SELECT pg_notify(${API_KEYS_CHANNEL}, hash)::text FROM revoked`;
  const cancelledJobs = await tx.$queryRaw<Array<{ id: string; holdId: string | null }>>`
    UPDATE edit_jobs SET status = 'cancelled', cancel_requested = true, finished_at = now(), error = 'cancelled: member removed'
     WHERE workspace_id = ${scope.workspaceId}::uuid AND status = 'queued'
       AND (${scope.userId}::uuid IS NULL OR user_id = ${scope.userId}::uuid)
    RETURNING id, hold_id AS "holdId"`;
  await tx.$executeRaw`
    UPDATE edit_jobs SET cancel_requested = true
     WHERE workspace_id = ${scope.workspaceId}::uuid AND status = 'running'
       AND (${scope.userId}::uuid IS NULL OR user_id = ${scope.userId}::uuid)`;
  return { cancelledJobs };
}
