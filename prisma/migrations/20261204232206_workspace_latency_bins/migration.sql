-- Backfill: the latency bins of dim `workspace` (series = workspace id; hour, day and month) of the history so far,
-- equal to what the fold has folded (every finished record, minus the deltas still waiting in usage_rollup_deltas,
-- which the fold will add itself, now with these bins), written like the fold's `pl`/`w_latency` CTEs
-- (lib/platform-usage/platform-rollup-writes-sql.ts) restricted to this dimension. No other rollup is touched.
-- The fold's own lock is held meanwhile (session-level, released below), so a fold of an instance still running the
-- earlier code can't commit between this statement's snapshot and its end: its deltas are either in the records
-- counted here and gone from usage_rollup_deltas, or still waiting, never subtracted without being added.
SELECT pg_advisory_lock(hashtext('darkroom:usage-fold'));

WITH d AS (
  SELECT workspace_id, created_at, latency_ms, 1 AS calls
  FROM usage_records WHERE status <> 'pending' AND latency_ms IS NOT NULL
  UNION ALL
  SELECT workspace_id, created_at, latency_ms, -calls FROM usage_rollup_deltas WHERE latency_ms IS NOT NULL
),
pl AS (
  SELECT 'workspace'::text AS dim, d.workspace_id::text AS series, date_trunc('hour', d.created_at, 'UTC') AS hour,
         CASE WHEN d.latency_ms <= 1 THEN 0 ELSE floor(ln(d.latency_ms::float8) / ln(1.05))::int END AS bin,
         sum(d.calls)::bigint AS calls
  FROM d
  GROUP BY 1, 2, 3, 4
)
INSERT INTO platform_latency_bins AS r (dim, unit, bucket, series, bin, calls)
SELECT pl.dim, u.unit, date_trunc(u.unit, pl.hour, 'UTC'), pl.series, pl.bin, sum(pl.calls)
FROM pl CROSS JOIN (VALUES ('hour'), ('day'), ('month')) AS u(unit)
GROUP BY 1, 2, 3, 4, 5
-- A bin whose records are all still waiting as deltas nets to 0: the fold will write it.
HAVING sum(pl.calls) <> 0
ORDER BY 1, 2, 3, 4, 5
ON CONFLICT (dim, unit, bucket, series, bin) DO UPDATE SET calls = r.calls + EXCLUDED.calls;

SELECT pg_advisory_unlock(hashtext('darkroom:usage-fold'));

-- CreateIndex
CREATE INDEX "platform_latency_bins_dim_series_unit_bucket_idx" ON "platform_latency_bins"("dim", "series", "unit", "bucket");
