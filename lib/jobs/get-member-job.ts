import "server-only";
import { getPool } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";

export type MemberJob = { id: string; workspaceId: string; status: string; userId: string };

/** A job of a workspace the caller belongs to, or null: another workspace's job looks exactly like no job. */
export async function getMemberJob(caller: { userId: string }, unverifiedJobId: string): Promise<MemberJob | null> {
  if (!isUuid(unverifiedJobId)) return null;
  const { rows } = await getPool().query<MemberJob>(
    `SELECT j.id, j.workspace_id AS "workspaceId", j.status, j.user_id AS "userId"
       FROM edit_jobs j JOIN memberships m ON m.workspace_id = j.workspace_id AND m.user_id = $2
      WHERE j.id = $1`,
    [unverifiedJobId, caller.userId],
  );
  return rows[0] ?? null;
}
