// The platform section of the rollups (platform_usage_series, platform_latency_bins), written by the fold
// (lib/usage/fold-usage-deltas.ts) in the same transaction as the per-workspace rollups, and by bulk imports
// (bench/lib/seed-dashboard.ts) and the migration's backfill with the same SQL. No "server-only": the benchmark imports it.
import { NO_KEY_UUID } from "@/lib/usage/rollup-writes-sql";

/** Breakdowns with hourly rows and latency histograms: a handful of series each. */
export const LOW_DIMS = ["total", "model", "source", "status"] as const;
/** Breakdowns with one series per workspace, user or key: day and month rows only (see schema.prisma). */
export const HIGH_DIMS = ["workspace", "member", "key"] as const;
export type PlatformDim = (typeof LOW_DIMS)[number] | (typeof HIGH_DIMS)[number];
/**
 * Breakdowns with latency histograms (hour, day and month): the low ones, plus `workspace` so that a workspace's
 * dashboard has its own p50/p95 (about one row per workspace, hour and latency bin used). Member and key are left
 * out: 10,000s of series, so their hourly bins would be about a row per usage record.
 */
export const LATENCY_DIMS = [...LOW_DIMS, "workspace"] as const;
export type LatencyDim = (typeof LATENCY_DIMS)[number];

export const SUMS = ["calls", "failed_calls", "credits", "images", "prompt_tokens", "completion_tokens", "total_tokens"] as const;

/**
 * Latency bins are 5% wide on a log scale: bin b holds [1.05^b, 1.05^(b+1)) ms (0 and 1 ms in bin 0). A percentile
 * is reported as its bin's geometric middle, so it is within ±2.5% of the exact nearest-rank percentile, while a bucket
 * needs at most ~280 bins up to 10 minutes however many calls it holds.
 */
export const LATENCY_BASE = 1.05;
export const latencyBinSql = (ms: string) => `CASE WHEN ${ms} <= 1 THEN 0 ELSE floor(ln(${ms}::float8) / ln(${LATENCY_BASE}))::int END`;

/** Each dimension's series, as an expression over a usage_rollup_deltas-shaped row. */
export function seriesExprSql(dim: PlatformDim, row = ""): string {
  const c = (name: string) => (row ? `${row}.${name}` : name);
  switch (dim) {
    case "total":
      return `''`;
    case "model":
      return c("model");
    case "source":
      // Studio calls are exactly the ones without an API key (as the Usage page's source filter assumes).
      return `CASE WHEN ${c("api_key_id")} = '${NO_KEY_UUID}'::uuid THEN 'studio' ELSE 'api' END`;
    case "status":
      return `${c("status")}::text`;
    case "workspace":
      return `${c("workspace_id")}::text`;
    case "member":
      return `${c("user_id")}::text`;
    case "key":
      return `${c("api_key_id")}::text`;
  }
}

const addSums = SUMS.map((c) => `${c} = r.${c} + EXCLUDED.${c}`).join(", ");
const sumSums = SUMS.map((c) => `sum(${c})`).join(", ");

/**
 * Data-modifying CTEs (starting with a comma) that add the rows of a CTE named `d`, shaped like usage_rollup_deltas
 * (workspace_id, created_at, user_id, api_key_id with the zero uuid for none, model, status, latency_ms, and the
 * signed sums calls … total_tokens), to platform_usage_series and platform_latency_bins (LATENCY_DIMS). Upserts add, so `d` may
 * hold corrections (−1 rows); every INSERT groups first, so no statement touches a row twice.
 * A bulk import that loads months side by side leaves out the running totals (`running: false`, their rows depend on
 * every earlier day) and writes them once at the end with runningTotalsFromSeriesSql().
 */
export function platformRollupWritesSql({ running = true }: { running?: boolean } = {}): string {
  const all = [...LOW_DIMS, ...HIGH_DIMS].map((dim) => `('${dim}', ${seriesExprSql(dim, "d")})`).join(", ");
  const withLatency = LATENCY_DIMS.map((dim) => `('${dim}', ${seriesExprSql(dim, "d")})`).join(", ");
  const lowList = LOW_DIMS.map((d) => `'${d}'`).join(", ");
  return `, ph AS (
      SELECT v.dim, v.series, date_trunc('hour', d.created_at, 'UTC') AS hour, ${SUMS.map((c) => `sum(d.${c})::bigint AS ${c}`).join(", ")}
      FROM d CROSS JOIN LATERAL (VALUES ${all}) AS v(dim, series)
      GROUP BY 1, 2, 3),
    w_platform AS (
      INSERT INTO platform_usage_series AS r (dim, unit, bucket, series, ${SUMS.join(", ")})
      SELECT ph.dim, u.unit, date_trunc(u.unit, ph.hour, 'UTC'), ph.series, ${sumSums}
      FROM ph JOIN (VALUES ('hour'), ('day'), ('month')) AS u(unit) ON u.unit <> 'hour' OR ph.dim IN (${lowList})
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (dim, unit, bucket, series) DO UPDATE SET ${addSums}
      RETURNING 1),
    pl AS (
      SELECT v.dim, v.series, date_trunc('hour', d.created_at, 'UTC') AS hour, ${latencyBinSql("d.latency_ms")} AS bin,
             sum(d.calls)::bigint AS calls
      FROM d CROSS JOIN LATERAL (VALUES ${withLatency}) AS v(dim, series)
      WHERE d.latency_ms IS NOT NULL
      GROUP BY 1, 2, 3, 4),
    w_latency AS (
      INSERT INTO platform_latency_bins AS r (dim, unit, bucket, series, bin, calls)
      SELECT pl.dim, u.unit, date_trunc(u.unit, pl.hour, 'UTC'), pl.series, pl.bin, sum(pl.calls)
      FROM pl CROSS JOIN (VALUES ('hour'), ('day'), ('month')) AS u(unit)
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (dim, unit, bucket, series, bin) DO UPDATE SET calls = r.calls + EXCLUDED.calls
      RETURNING 1)${running ? `,
    ${RUNNING_WRITES}` : ""}`;
}

/** platform_usage_running filled from the day rows of platform_usage_series (for bulk imports, into an empty table). */
export function runningTotalsFromSeriesSql(): string {
  return `INSERT INTO platform_usage_running (dim, series, day, calls, credits)
    SELECT dim, series, bucket, sum(calls) OVER w, sum(credits) OVER w
    FROM platform_usage_series
    WHERE unit = 'day' AND dim IN (${HIGH_DIMS.map((d) => `'${d}'`).join(", ")})
    WINDOW w AS (PARTITION BY dim, series ORDER BY bucket)`;
}

// Running totals (platform_usage_running): each (series, day) of the batch adds to the rows of that day and later
// (the UPDATE), and a day without a row gets one: the series' last total before it plus the batch's days up to it.
// Both read the same snapshot, so neither sees the other's rows: together they add each delta exactly once.
const RUNNING_WRITES = `rd AS (
      SELECT dim, series, date_trunc('day', hour, 'UTC') AS day, sum(calls)::bigint AS calls, sum(credits)::bigint AS credits
      FROM ph WHERE dim IN (${HIGH_DIMS.map((d) => `'${d}'`).join(", ")}) GROUP BY 1, 2, 3),
    -- The batch's own running sums per series (its days up to each day), by a window rather than a self-join.
    ru AS (
      SELECT dim, series, day, sum(calls) OVER w AS calls, sum(credits) OVER w AS credits
      FROM rd WINDOW w AS (PARTITION BY dim, series ORDER BY day)),
    w_running_up AS (
      UPDATE platform_usage_running AS r SET calls = r.calls + x.calls, credits = r.credits + x.credits
      FROM (SELECT p.dim, p.series, p.day, sum(rd.calls) AS calls, sum(rd.credits) AS credits
            FROM rd CROSS JOIN LATERAL (
              SELECT p.dim, p.series, p.day FROM platform_usage_running p
              WHERE p.dim = rd.dim AND p.series = rd.series AND p.day >= rd.day OFFSET 0) AS p
            GROUP BY 1, 2, 3) AS x
      WHERE r.dim = x.dim AND r.series = x.series AND r.day = x.day
      RETURNING 1),
    w_running_new AS (
      INSERT INTO platform_usage_running (dim, series, day, calls, credits)
      SELECT rd.dim, rd.series, rd.day, COALESCE(prev.calls, 0) + rd.calls, COALESCE(prev.credits, 0) + rd.credits
      FROM ru AS rd
      LEFT JOIN LATERAL (SELECT p.calls, p.credits FROM platform_usage_running p
                         WHERE p.dim = rd.dim AND p.series = rd.series AND p.day < rd.day ORDER BY p.day DESC LIMIT 1) AS prev ON true
      WHERE NOT EXISTS (SELECT 1 FROM platform_usage_running p WHERE p.dim = rd.dim AND p.series = rd.series AND p.day = rd.day)
      ORDER BY 1, 2, 3
      RETURNING 1)`;

/** usage_records as delta rows (+1 per finished record), for bulk imports and backfills: `d` over `where`. */
export function recordsAsDeltasSql(where: string): string {
  return `SELECT workspace_id, created_at, user_id, COALESCE(api_key_id, '${NO_KEY_UUID}'::uuid) AS api_key_id, model, status,
            latency_ms, 1 AS calls, CASE WHEN status IN ('failed', 'cancelled') THEN 1 ELSE 0 END AS failed_calls, credits, images,
            COALESCE(prompt_tokens, 0) AS prompt_tokens, COALESCE(completion_tokens, 0) AS completion_tokens,
            COALESCE(total_tokens, 0) AS total_tokens
          FROM usage_records WHERE status <> 'pending' AND (${where})`;
}
