import "server-only";
import type { PoolClient } from "pg";
import { getPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { ModelPrices } from "@/lib/gateway/catalog/catalog-model";

export type ClaimedHold = { holdId: string; amount: number; prices: ModelPrices };

/** The workspace already runs JOB_WORKSPACE_CONCURRENCY edits: try again shortly. */
export const WORKSPACE_BUSY = "workspace_busy" as const;

/**
 * Picks a job up: in one statement, beats its hold (only while it is still open) and moves the job to running.
 * Null when the hold is no longer open (the sweeper released it, or it was settled) or the job is finished, so
 * a job only ever runs on a hold that was alive at the moment it started. A job that is running already (a
 * retry after its worker died) is claimed again the same way.
 *
 * Claiming flips the job out of `queued` in the same statement that refreshes its hold: the sweeper never
 * takes holds of queued jobs (see sweepExpiredHolds), and from here on the worker's heartbeat keeps it alive.
 */
export async function claimEditJob(
  jobId: string,
  workspaceId: string,
  { ignoreCap = false }: { ignoreCap?: boolean } = {},
): Promise<ClaimedHold | null | typeof WORKSPACE_BUSY> {
  // pg-boss's groupConcurrency is checked by each fetch on its own snapshot, so fetches at the same moment (several
  // workers, several instances) could start one job more than the cap. The cap is therefore enforced here too:
  // claims of one workspace take turns under a transaction-level advisory lock, and count what already runs.
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('darkroom:edit-jobs:' || $1))", [workspaceId]);
    const { rows: busy } = await client.query<{ running: number }>(
      // Only edits whose hold is still beating: a job left `running` by a dead worker stops counting within half a
      // hold expiry, so it can never keep its workspace's other edits (or its own retry) waiting for ever.
      `SELECT count(*)::int AS running FROM edit_jobs j JOIN holds h ON h.id = j.hold_id
        WHERE j.workspace_id = $1 AND j.status = 'running' AND j.id <> $2
          AND h.status = 'open' AND h.heartbeat_at > now() - make_interval(secs => $3::double precision / 2000)`,
      [workspaceId, jobId, env.HOLD_EXPIRY_MS],
    );
    if (!ignoreCap && busy[0]!.running >= env.JOB_WORKSPACE_CONCURRENCY) {
      await client.query("ROLLBACK");
      return WORKSPACE_BUSY;
    }
    const claimed = await claimIn(client, jobId);
    await client.query("COMMIT");
    return claimed;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function claimIn(client: PoolClient, jobId: string): Promise<ClaimedHold | null> {
  const { rows } = await client.query<{ hold_id: string; amount: number; prices: ModelPrices }>(
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
