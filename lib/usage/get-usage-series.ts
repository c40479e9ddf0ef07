import "server-only";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import type { UsageScope } from "./get-usage-scope";
import type { ResolvedUsageRange } from "./resolve-usage-range";
import type { UsageBreakdown, UsageBucket, UsageFilters } from "./schemas";
import { NO_KEY_UUID, rollupWhereSql } from "./usage-sql";

/** One bucket's sums for one member, model or key. */
export type UsagePoint = {
  bucket: string;
  key: string;
  label: string;
  calls: number;
  failedCalls: number;
  credits: number;
  images: number;
  tokens: number;
};

const DIMENSION: Record<UsageBreakdown, string> = { member: "user_id", model: "model", key: "api_key_id" };

const LABEL: Record<UsageBreakdown, string> = {
  member: `(SELECT COALESCE(us.name, us.email) FROM users us WHERE us.id = g.k::uuid)`,
  model: `g.k`,
  key: `CASE WHEN g.k = '${NO_KEY_UUID}' THEN 'Studio (no key)'
             ELSE (SELECT ak.name || ' (' || ak.prefix || '…' || ak.last4 || ')' FROM api_keys ak WHERE ak.id = g.k::uuid) END`,
};

/**
 * Credits, calls, images and tokens per bucket of the viewer's zone and per member, model or key, from the
 * rollups only. A UTC day that lies wholly inside one bucket and inside the range is read from the daily rollup
 * (one row per key instead of 24); every other day from the hourly rollup, hour by hour, each hour in the bucket
 * its start falls in. In a whole-hour zone every bucket edge is a UTC hour, so the sums are exact; in a
 * half-hour zone an edge is moved to the start of the UTC hour it falls in.
 */
export async function getUsageSeries(
  scope: UsageScope,
  filters: UsageFilters,
  range: ResolvedUsageRange,
  bucket: UsageBucket,
  by: UsageBreakdown,
): Promise<UsagePoint[]> {
  const p = new SqlParams();
  const [ws, lo, hi, unit, tz] = [scope.workspaceId, range.from, range.to, bucket, filters.tz].map((v) => p.add(v));
  const where = rollupWhereSql(p, scope, filters);
  const dim = DIMENSION[by];
  const sums = `r.calls, r.failed_calls, r.credits, r.images, r.total_tokens`;
  const sql = `
    WITH days AS (
      SELECT d.day,
             d.day >= ${lo}::timestamptz AND d.day + interval '24 hours' <= ${hi}::timestamptz
             AND date_trunc(${unit}, d.day, ${tz}) = date_trunc(${unit}, d.day + interval '23 hours', ${tz}) AS whole
      FROM generate_series(date_trunc('day', ${lo}::timestamptz, 'UTC'), ${hi}::timestamptz - interval '1 hour',
                           interval '1 day', 'UTC') AS d(day)
    ),
    parts AS (
      SELECT date_trunc(${unit}, r.day, ${tz}) AS bucket, r.${dim}::text AS k, ${sums}
      FROM days JOIN usage_rollups_daily r ON r.workspace_id = ${ws}::uuid AND r.day = days.day
      WHERE days.whole${where}
      UNION ALL
      SELECT date_trunc(${unit}, r.hour, ${tz}), r.${dim}::text, ${sums}
      FROM days JOIN usage_rollups_hourly r
        ON r.workspace_id = ${ws}::uuid
       AND r.hour >= GREATEST(days.day, ${lo}::timestamptz) AND r.hour < LEAST(days.day + interval '24 hours', ${hi}::timestamptz)
      WHERE NOT days.whole${where}
    ),
    g AS (
      SELECT bucket, k, sum(calls) AS calls, sum(failed_calls) AS failed_calls, sum(credits) AS credits,
             sum(images) AS images, sum(total_tokens) AS tokens
      FROM parts GROUP BY bucket, k
    )
    SELECT to_char(g.bucket AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS bucket, g.k AS key, COALESCE(${LABEL[by]}, 'Deleted') AS label,
           g.calls::float8 AS calls, g.failed_calls::float8 AS "failedCalls", g.credits::float8 AS credits,
           g.images::float8 AS images, g.tokens::float8 AS tokens
    FROM g
    WHERE g.calls <> 0 OR g.credits <> 0
    ORDER BY 1, 2`;
  const { rows } = await getPool().query<UsagePoint>(sql, p.values);
  return rows;
}
