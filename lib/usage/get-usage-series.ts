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

const COARSE: Record<UsageBucket, { table: string; column: string; nearest: (x: string) => string }> = {
  day: { table: "usage_rollups_daily", column: "day", nearest: (x) => `date_trunc('day', ${x} + interval '12 hours', 'UTC')` },
  week: { table: "usage_rollups_weekly", column: "week", nearest: (x) => `date_trunc('week', ${x} + interval '84 hours', 'UTC')` },
  month: {
    table: "usage_rollups_monthly",
    column: "month",
    nearest: (x) => `(SELECT CASE WHEN ${x} - m < date_add(m, interval '1 month', 'UTC') - ${x} THEN m ELSE date_add(m, interval '1 month', 'UTC') END
                      FROM (SELECT date_trunc('month', ${x}, 'UTC') AS m) AS t)`,
  },
};

/**
 * Credits, calls, images and tokens per bucket of the viewer's zone and per member, model or key, from the
 * rollups only, never the records. A bucket [start, end) is read as the UTC days, weeks or months (its own unit)
 * between the UTC boundaries nearest its start and end, corrected hour by hour at both edges: the hours between a
 * local edge and its nearest UTC boundary are added or subtracted (sums are additive). So a bucket costs one
 * coarse row per member/model/key plus at most about half a unit of hourly rows at each edge, however long the
 * range. Every edge is a whole UTC hour: exact in whole-hour zones; in a zone offset by a part of an hour a bucket
 * starts at the first whole UTC hour after its local start (see resolveUsageRange).
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
  const coarse = COARSE[bucket];
  const sums = `r.calls, r.failed_calls, r.credits, r.images, r.total_tokens`;
  const ceilHour = (x: string) => `(date_trunc('hour', ${x}) + CASE WHEN date_trunc('hour', ${x}) < ${x} THEN interval '1 hour' ELSE interval '0' END)`;
  const sql = `
    WITH b0 AS (
      SELECT l AS bucket,
             GREATEST(${ceilHour(`(l AT TIME ZONE ${tz})`)}, ${lo}::timestamptz) AS ls,
             LEAST(${ceilHour(`((l + ('1 ' || ${unit})::interval) AT TIME ZONE ${tz})`)}, ${hi}::timestamptz) AS le
      FROM generate_series(date_trunc(${unit}, ${lo}::timestamptz AT TIME ZONE ${tz}), (${hi}::timestamptz - interval '1 hour') AT TIME ZONE ${tz},
                           ('1 ' || ${unit})::interval) AS l
    ),
    b AS (SELECT bucket, ls, le, ${coarse.nearest("ls")} AS cs, ${coarse.nearest("le")} AS ce FROM b0 WHERE ls < le),
    -- LATERAL: each bucket's rows are one index range scan (workspace, time); a join over the whole table
    -- would read every hour of the workspace.
    parts AS (
      SELECT b.bucket, r.* FROM b, LATERAL (
        SELECT r.${dim} AS k, 1 AS sign, ${sums} FROM ${coarse.table} r
        WHERE r.workspace_id = ${ws}::uuid AND r.${coarse.column} >= b.cs AND r.${coarse.column} < b.ce${where}
        UNION ALL
        SELECT r.${dim}, CASE WHEN b.ls < b.cs THEN 1 ELSE -1 END, ${sums} FROM usage_rollups_hourly r
        WHERE r.workspace_id = ${ws}::uuid AND r.hour >= LEAST(b.ls, b.cs) AND r.hour < GREATEST(b.ls, b.cs)${where}
        UNION ALL
        SELECT r.${dim}, CASE WHEN b.ce < b.le THEN 1 ELSE -1 END, ${sums} FROM usage_rollups_hourly r
        WHERE r.workspace_id = ${ws}::uuid AND r.hour >= LEAST(b.le, b.ce) AND r.hour < GREATEST(b.le, b.ce)${where}
      ) r
    ),
    g AS (
      -- float8 sums: exact for integers below 2^53 and several times cheaper than numeric (what sum(bigint) is).
      SELECT bucket, k, sum((sign * calls)::float8) AS calls, sum((sign * failed_calls)::float8) AS failed_calls,
             sum((sign * credits)::float8) AS credits, sum((sign * images)::float8) AS images,
             sum((sign * total_tokens)::float8) AS tokens
      FROM parts GROUP BY bucket, k
    )
    SELECT to_char(g.bucket, 'YYYY-MM-DD') AS bucket, g.k::text AS key, COALESCE(${LABEL[by]}, 'Deleted') AS label,
           g.calls::float8 AS calls, g.failed_calls::float8 AS "failedCalls", g.credits::float8 AS credits,
           g.images::float8 AS images, g.tokens::float8 AS tokens
    FROM g
    WHERE g.calls <> 0 OR g.credits <> 0
    ORDER BY 1, 2`;
  const { rows } = await getPool().query<UsagePoint>(sql, p.values);
  return rows;
}
