import "server-only";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

// Through darkroom_settle, the path every release takes (ledger `release`, held and the member's month counters
// back, usage record failed), with the audit row in the same statement, written only when this call closed it.
const SQL = `
  WITH s AS (SELECT settled FROM darkroom_settle($1::uuid, 0, 'released', 'failed', NULL, NULL, NULL, NULL, 0, NULL, NULL)),
  h AS (SELECT workspace_id, amount, usage_record_id FROM holds WHERE id = $1::uuid),
  a AS (
    INSERT INTO audit_logs (id, actor_id, workspace_id, action, target, data)
    SELECT gen_random_uuid(), $2::uuid, h.workspace_id, 'hold.released', $1::text,
           jsonb_build_object('amount', h.amount, 'usageRecordId', h.usage_record_id, 'note', $3::text)
    FROM s, h WHERE s.settled
  )
  SELECT s.settled, h.workspace_id FROM s LEFT JOIN h ON true`;

/**
 * Releases an open hold by hand (its call died and the sweeper has not taken it, or an admin will not wait):
 * nothing is charged. A running edit whose hold this closes stops at its next heartbeat, charging nothing.
 */
export async function releaseStuckHold(input: { holdId: string; actorId: string; note: string }): Promise<void> {
  const { rows } = await getPool().query<{ settled: boolean; workspace_id: string | null }>(SQL, [input.holdId, input.actorId, input.note]);
  const row = rows[0];
  if (!row?.workspace_id) throw new AppError("not_found", "That hold doesn't exist.");
  if (!row.settled) throw new AppError("conflict", "That hold is already closed.");
}
