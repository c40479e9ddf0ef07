import "server-only";
import { getPool } from "@/lib/db/client";
import type { ModelPrices } from "@/lib/gateway/catalog/catalog-model";

export type ClaimedHold = { holdId: string; amount: number; prices: ModelPrices };

/**
 * Picks a job up: in one statement, beats its hold (only while it is still open) and moves the job to running.
 * Null when the hold is no longer open (the sweeper released it, or it was settled) or the job is finished, so
 * a job only ever runs on a hold that was alive at the moment it started. A job that is running already (a
 * retry after its worker died) is claimed again the same way.
 *
 * Claiming flips the job out of `queued` in the same statement that refreshes its hold: the sweeper never
 * takes holds of queued jobs (see sweepExpiredHolds), and from here on the worker's heartbeat keeps it alive.
 */
export async function claimEditJob(jobId: string): Promise<ClaimedHold | null> {
  const { rows } = await getPool().query<{ hold_id: string; amount: number; prices: ModelPrices }>(
    `WITH hold AS (
       UPDATE holds h SET heartbeat_at = now()
         FROM edit_jobs j
        WHERE j.id = $1 AND h.id = j.hold_id AND j.status IN ('queued', 'running') AND h.status = 'open'
        RETURNING h.id, h.amount, h.prices
     ), job AS (
       UPDATE edit_jobs j SET status = 'running', started_at = COALESCE(j.started_at, now())
         FROM hold
        WHERE j.id = $1 AND j.status IN ('queued', 'running')
        RETURNING j.id
     )
     SELECT hold.id AS hold_id, hold.amount, hold.prices FROM hold, job`,
    [jobId],
  );
  const row = rows[0];
  return row ? { holdId: row.hold_id, amount: row.amount, prices: row.prices } : null;
}
