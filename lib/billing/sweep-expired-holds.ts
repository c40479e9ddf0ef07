import "server-only";
import { getPool } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";

/**
 * Releases holds whose heartbeat stopped longer than `expiryMs` ago (their process died); their usage
 * records become failed. Safe to run in every instance at once: darkroom_settle only closes open holds, and
 * SKIP LOCKED keeps instances from queueing on each other. Returns how many holds it released.
 *
 * Holds of studio jobs still waiting in the queue are not abandoned, however long they wait: no process is
 * working on them yet, so none can have died, and the job is a durable row the queue will hand to a worker.
 * Its pickup (claimEditJob) refreshes the hold and leaves `queued` in the same statement, so from then on the
 * worker's heartbeat decides. Refreshing every queued hold instead would cost a write per waiting job per beat
 * and would still let them expire whenever no instance is up to refresh them. After 14 days (pg-boss's retention
 * of a job nobody fetched, which the edit queue keeps) the queue has dropped the job, and its hold is swept.
 *
 * Nothing is swept until the database itself has been up for `minDatabaseUptimeMs` (default: `expiryMs`): while it
 * was down no process could beat or settle, so a stale heartbeat then says nothing about the process (its
 * settlement may be waiting in its journal, see settle-durably.ts). Each live process gets a whole expiry period
 * after a restart to beat. (Tests on a database started minutes ago pass 0.)
 */
export async function sweepExpiredHolds(
  expiryMs: number,
  { limit = 500, minDatabaseUptimeMs = expiryMs }: { limit?: number; minDatabaseUptimeMs?: number } = {},
): Promise<number> {
  const { rows } = await getPool().query<{ settled: boolean; request_id: string }>(
    `SELECT s.settled, (SELECT u.request_id FROM usage_records u WHERE u.id = h.usage_record_id) AS request_id
       FROM (SELECT id, usage_record_id FROM holds
              WHERE status = 'open' AND heartbeat_at < now() - make_interval(secs => $1::double precision / 1000)
                AND NOT EXISTS (SELECT 1 FROM edit_jobs j WHERE j.hold_id = holds.id AND j.status = 'queued'
                                   AND j.created_at > now() - interval '14 days')
                AND pg_postmaster_start_time() <= now() - make_interval(secs => $3::double precision / 1000)
              ORDER BY heartbeat_at LIMIT $2 FOR UPDATE SKIP LOCKED) h,
            LATERAL darkroom_settle(h.id, 0, 'expired', 'failed', NULL, NULL, NULL, NULL, 0, NULL, NULL) s`,
    [expiryMs, limit, minDatabaseUptimeMs],
  );
  const released = rows.filter((r) => r.settled);
  for (const r of released) logger.warn({ requestId: r.request_id }, "hold released as abandoned (its heartbeat stopped)");
  return released.length;
}

let sweeper: NodeJS.Timeout | undefined;

/** Starts the periodic sweep in this process (idempotent). */
export function startHoldSweeper(expiryMs: number): () => void {
  if (!sweeper) {
    const every = Math.max(1000, Math.min(60_000, Math.floor(expiryMs / 3)));
    sweeper = setInterval(() => void sweepExpiredHolds(expiryMs).catch(() => {}), every);
    sweeper.unref();
  }
  return () => {
    clearInterval(sweeper);
    sweeper = undefined;
  };
}
