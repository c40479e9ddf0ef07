import "server-only";
import { getPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { MAINTENANCE_JOBS, type MaintenanceJob } from "./maintenance-jobs";

export type JobRunRow = {
  id: string;
  job: MaintenanceJob;
  startedAt: Date;
  finishedAt: Date | null;
  ok: boolean | null;
  removed: number;
  summary: Record<string, unknown> | null;
  error: string | null;
};

export type StaleHold = { id: string; workspace: string; amount: number; createdAt: Date; heartbeatAt: Date };

export type HealthPanel = {
  /** When it was read (for "n minutes ago"). */
  now: number;
  /** Each job's runs, newest first (at most 5). */
  runs: Record<MaintenanceJob, JobRunRow[]>;
  queue: { queued: number; running: number; oldestQueuedAt: Date | null };
  holds: { olderThanMs: number; count: number; oldestAt: Date | null; oldest: StaleHold[] };
};

/**
 * What the admin health panel shows: the last runs of each maintenance job (the ledger check's drift among
 * them), the edit queue's depth and its oldest waiting edit, and open holds older than any call should take
 * (the upstream deadline plus the sweeper's expiry) that are not waiting edits.
 */
export async function getHealthPanel(): Promise<HealthPanel> {
  const pool = getPool();
  const olderThanMs = env.UPSTREAM_TIMEOUT_MS + env.HOLD_EXPIRY_MS;
  const [runs, queue, holds, oldest] = await Promise.all([
    pool.query<JobRunRow & { removed: number }>(
      `SELECT r.id, r.job, r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.ok, r.removed, r.summary, r.error
         FROM unnest($1::text[]) AS j(name),
              LATERAL (SELECT * FROM job_runs WHERE job = j.name ORDER BY started_at DESC LIMIT 5) r
        ORDER BY r.started_at DESC`,
      [MAINTENANCE_JOBS],
    ),
    pool.query<{ queued: string; running: string; oldest: Date | null }>(
      `SELECT count(*) FILTER (WHERE status = 'queued') AS queued, count(*) FILTER (WHERE status = 'running') AS running,
              min(created_at) FILTER (WHERE status = 'queued') AS oldest
         FROM edit_jobs WHERE status IN ('queued', 'running')`,
    ),
    pool.query<{ count: string; oldest: Date | null }>(
      `SELECT count(*), min(h.created_at) AS oldest FROM holds h
        WHERE h.status = 'open' AND h.created_at < now() - make_interval(secs => $1::double precision / 1000)
          AND NOT EXISTS (SELECT 1 FROM edit_jobs j WHERE j.hold_id = h.id AND j.status = 'queued')`,
      [olderThanMs],
    ),
    pool.query<StaleHold>(
      `SELECT h.id, w.slug AS workspace, h.amount, h.created_at AS "createdAt", h.heartbeat_at AS "heartbeatAt"
         FROM holds h JOIN workspaces w ON w.id = h.workspace_id
        WHERE h.status = 'open' AND h.created_at < now() - make_interval(secs => $1::double precision / 1000)
          AND NOT EXISTS (SELECT 1 FROM edit_jobs j WHERE j.hold_id = h.id AND j.status = 'queued')
        ORDER BY h.created_at LIMIT 10`,
      [olderThanMs],
    ),
  ]);
  const byJob = Object.fromEntries(MAINTENANCE_JOBS.map((job) => [job, [] as JobRunRow[]])) as Record<MaintenanceJob, JobRunRow[]>;
  for (const run of runs.rows) byJob[run.job].push({ ...run, removed: Number(run.removed) });
  const q = queue.rows[0]!;
  const h = holds.rows[0]!;
  return {
    now: Date.now(),
    runs: byJob,
    queue: { queued: Number(q.queued), running: Number(q.running), oldestQueuedAt: q.oldest },
    holds: { olderThanMs, count: Number(h.count), oldestAt: h.oldest, oldest: oldest.rows.map((r) => ({ ...r, amount: Number(r.amount) })) },
  };
}
