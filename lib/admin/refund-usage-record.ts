import "server-only";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

// One statement: the `adjust` entry (op id refund:<record>, so a second refund inserts nothing), the balance, and
// the audit row. Only a finished record with a charge can be refunded, and only what it was charged.
const SQL = `
  WITH entry AS (
    INSERT INTO ledger_entries (id, workspace_id, membership_id, kind, amount, op_id, actor_id, note, usage_record_id)
    SELECT gen_random_uuid(), u.workspace_id, NULL, 'adjust', u.credits, 'refund:' || u.id, $2::uuid, $3::text, u.id
    FROM usage_records u
    WHERE u.id = $1::uuid AND u.credits > 0 AND u.status <> 'pending'
    ON CONFLICT (op_id) DO NOTHING
    RETURNING workspace_id, amount
  ), ws AS (
    UPDATE workspaces w SET balance = w.balance + entry.amount FROM entry WHERE w.id = entry.workspace_id
    RETURNING w.id, w.balance, entry.amount
  ), a AS (
    INSERT INTO audit_logs (id, actor_id, workspace_id, action, target, data)
    SELECT gen_random_uuid(), $2::uuid, ws.id, 'usage.refunded', $1::text,
           jsonb_build_object('amount', ws.amount, 'note', $3::text, 'balanceAfter', ws.balance)
    FROM ws
  )
  SELECT amount, balance FROM ws`;

/** Gives back what a usage record was charged, as an `adjust` entry linked to it; never twice. Returns the credits refunded. */
export async function refundUsageRecord(input: { usageRecordId: string; actorId: string; note: string }): Promise<number> {
  const pool = getPool();
  const { rows } = await pool.query<{ amount: number; balance: number }>(SQL, [input.usageRecordId, input.actorId, input.note]);
  if (rows[0]) return Number(rows[0].amount);
  const { rows: why } = await pool.query<{ credits: number; status: string; refunded: boolean }>(
    `SELECT u.credits, u.status, EXISTS (SELECT 1 FROM ledger_entries l WHERE l.op_id = 'refund:' || u.id) AS refunded
     FROM usage_records u WHERE u.id = $1::uuid`,
    [input.usageRecordId],
  );
  const record = why[0];
  if (!record) throw new AppError("not_found", "That usage record doesn't exist.");
  if (record.refunded) throw new AppError("conflict", "That usage record has already been refunded.");
  if (record.status === "pending") throw new AppError("conflict", "That call is still running; refund it once it has settled.");
  throw new AppError("conflict", "That usage record was not charged, so there is nothing to refund.");
}
