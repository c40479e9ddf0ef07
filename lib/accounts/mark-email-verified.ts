import "server-only";
import { db } from "@/lib/db/client";
import type { DbClient } from "@/lib/db/types";
import { env } from "@/lib/env";

export type MarkEmailVerifiedResult = { verified: boolean; creditsGranted: number };

/**
 * Marks the user's current address verified and ends the trial in one statement: the welcome credits still
 * owed are granted to their personal workspace with the ledger entry (op id `welcome:<user>`, so never twice)
 * and the debt zeroed, and an address listed in ADMIN_EMAILS becomes admin now. Only `email` is verified: the
 * caller has just proved it (a mailed link to that address, checked against `email`). A second call changes
 * nothing (`verified: false`).
 */
export async function markEmailVerified(
  input: { userId: string; email: string },
  client: DbClient = db,
): Promise<MarkEmailVerifiedResult> {
  const rows = await client.$queryRaw<{ verified: bigint; credited: number | null }[]>`
    WITH before AS (
      SELECT id, welcome_credits_due FROM users
      WHERE id = ${input.userId}::uuid AND email = ${input.email} AND email_verified_at IS NULL
      FOR UPDATE
    ), verified AS (
      UPDATE users u SET email_verified_at = now(), welcome_credits_due = 0,
        role = CASE WHEN u.email = ANY(${env.ADMIN_EMAILS}::text[]) THEN 'admin'::"PlatformRole" ELSE u.role END
      FROM before WHERE u.id = before.id
      RETURNING u.id, before.welcome_credits_due AS due
    ), entry AS (
      INSERT INTO ledger_entries (id, workspace_id, kind, amount, op_id, actor_id, note)
      SELECT gen_random_uuid(), w.id, 'grant', v.due, 'welcome:' || v.id::text, v.id, 'Welcome credits (email verified)'
      FROM verified v
      JOIN memberships m ON m.user_id = v.id AND m.role = 'owner'
      JOIN workspaces w ON w.id = m.workspace_id AND w.personal
      WHERE v.due > 0
      ON CONFLICT (op_id) DO NOTHING
      RETURNING workspace_id, amount
    ), credited AS (
      UPDATE workspaces w SET balance = w.balance + entry.amount FROM entry WHERE w.id = entry.workspace_id
      RETURNING entry.amount
    )
    SELECT (SELECT count(*) FROM verified) AS verified, (SELECT sum(amount)::int FROM credited) AS credited`;
  const row = rows[0];
  return { verified: Number(row?.verified ?? 0) > 0, creditsGranted: row?.credited ?? 0 };
}
