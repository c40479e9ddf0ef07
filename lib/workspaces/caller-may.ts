import "server-only";
import type { db } from "@/lib/db/client";
import { rolesWith, type Permission } from "./permissions";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Inside a transaction that has locked the workspace row: whether the caller's membership there has the
 * permission now. Run as its own statement after the lock, so it sees a role change the lock waited for.
 */
export async function callerMay(tx: Tx, caller: { userId: string; workspaceId: string }, permission: Permission): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ ok: number }>>`
    SELECT 1 AS ok FROM memberships
     WHERE workspace_id = ${caller.workspaceId}::uuid AND user_id = ${caller.userId}::uuid
       AND role::text = ANY(${rolesWith(permission)}::text[])`;
  return rows.length > 0;
}
