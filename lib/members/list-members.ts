import "server-only";
import { getPool } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";

export type MemberRow = {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: WorkspaceRole;
  monthlyLimit: number | null;
  /** Credits charged and held this calendar month (UTC). */
  monthUsed: number;
  monthHeld: number;
  joinedAt: Date;
};

// month_used/month_held count the month in `month`; a member who hasn't spent since it ended has used 0 now.
const SQL = `
  SELECT m.id, m.user_id AS "userId", u.email, u.name, m.role, m.monthly_limit AS "monthlyLimit",
         CASE WHEN m.month = date_trunc('month', timezone('UTC', now()))::date THEN m.month_used ELSE 0 END AS "monthUsed",
         CASE WHEN m.month = date_trunc('month', timezone('UTC', now()))::date THEN m.month_held ELSE 0 END AS "monthHeld",
         m.created_at AS "joinedAt"
    FROM memberships me
    JOIN workspaces w ON w.id = me.workspace_id AND w.deleted_at IS NULL
    JOIN memberships m ON m.workspace_id = me.workspace_id
    JOIN users u ON u.id = m.user_id
   WHERE me.user_id = $1::uuid AND me.workspace_id = $2::uuid
   ORDER BY (m.role = 'owner') DESC, m.role, lower(coalesce(u.name, u.email)), m.id
   LIMIT 1000`;

/** The members of a workspace the caller belongs to (the caller's membership is the query's first join). */
export async function listMembers(caller: { userId: string; workspaceId: string }): Promise<MemberRow[]> {
  const { rows } = await getPool().query<MemberRow>(SQL, [caller.userId, caller.workspaceId]);
  return rows;
}
