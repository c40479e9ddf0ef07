import "server-only";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import type { UsageScope } from "./get-usage-scope";
import type { ResolvedUsageRange } from "./resolve-usage-range";
import { NO_KEY_UUID } from "./rollup-writes-sql";
import type { UsageBreakdown, UsageBucket, UsageFilters } from "./schemas";
import { effectiveMember, rollupWhereSql } from "./usage-sql";

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

/** The breakdown's column in the cube (usage_rollups_*) and in usage_rollup_deltas. */
const DIMENSION: Record<UsageBreakdown, string> = { member: "user_id", model: "model", key: "api_key_id" };

const LABEL: Record<UsageBreakdown, string> = {
  member: `(SELECT COALESCE(us.name, us.email) FROM users us WHERE us.id = g.k::uuid)`,
  model: `g.k`,
  key: `CASE WHEN g.k = '${NO_KEY_UUID}' THEN 'Studio (no key)'
             ELSE (SELECT ak.name || ' (' || ak.prefix || '…' || ak.last4 || ')' FROM api_keys ak WHERE ak.id = g.k::uuid) END`,
};

const CUBE: Record<UsageBucket | "hour", { table: string; column: string }> = {
  hour: { table: "usage_rollups_hourly", column: "hour" },
  day: { table: "usage_rollups_daily", column: "day" },
  week: { table: "usage_rollups_weekly", column: "week" },
  month: { table: "usage_rollups_monthly", column: "month" },
};

/** The UTC boundary of the bucket's unit nearest to `x` (a whole hour). */
const NEAREST: Record<UsageBucket, (x: string) => string> = {
  day: (x) => `date_trunc('day', ${x} + interval '12 hours', 'UTC')`,
  week: (x) => `date_trunc('week', ${x} + interval '84 hours', 'UTC')`,
  month: (x) => `(SELECT CASE WHEN ${x} - m < date_add(m, interval '1 month', 'UTC') - ${x} THEN m ELSE date_add(m, interval '1 month', 'UTC') END
                   FROM (SELECT date_trunc('month', ${x}, 'UTC') AS m) AS t)`,
};

/**
 * Credits, calls, images and tokens per bucket of the viewer's zone and per member, model or key, from the
 * rollups only, never the records. A bucket [start, end) is read as the rows of its own unit (UTC days, weeks or
 * months) between the UTC boundaries nearest its start and end, corrected at both edges by the hours between
 * each local edge and its nearest boundary (sums are additive). Every edge is a whole UTC hour: exact in
 * whole-hour zones; in a zone offset by a part of an hour a bucket starts at the first whole UTC hour after its
 * local start (see resolveUsageRange). Deltas not folded yet are added by their own hour.
 *
 * Which rollup: without a member, model, key or source filter (the workspace-wide views), usage_series of the
 * breakdown, where an edge's hours [x, y) are the UTC days between them plus two prefix rows (prefix(y) −
 * prefix(x)): ~3 rows per bucket and member, model or key, whatever the zone. With a filter, the cube
 * (usage_rollups_*, one row per member, key and model, and hourly rows at the edges): a member's rows lie together
 * in its (workspace, member, time) index, so one member's views read only that member's few rows; a model, key or
 * source filter alone reads the workspace's cube rows.
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
  const workspaceWide = !effectiveMember(scope, filters) && !filters.model && !filters.key && !filters.source;
  const sums = `r.calls, r.failed_calls, r.credits, r.images, r.total_tokens`;
  const series = (cond: string, sign: string) =>
    `SELECT r.series AS k, ${sign} AS sign, ${sums} FROM usage_series r
     WHERE r.workspace_id = ${ws}::uuid AND r.dim = ${p.add(by)} AND ${cond}`;
  const cube = (u: UsageBucket | "hour", from: string, to: string, sign: string) =>
    `SELECT r.${dim}::text AS k, ${sign} AS sign, ${sums} FROM ${CUBE[u].table} r
     WHERE r.workspace_id = ${ws}::uuid AND r.${CUBE[u].column} >= ${from} AND r.${CUBE[u].column} < ${to}${where}`;
  // An edge: the hours [x, y) between a local edge and its nearest boundary, counted with sign s.
  const edge = (x: string, y: string, s: string) =>
    workspaceWide
      ? [
          series(`${x} < ${y} AND r.unit = 'day' AND r.bucket >= date_trunc('day', ${x}, 'UTC') AND r.bucket < date_trunc('day', ${y}, 'UTC')`, s),
          series(`${x} < ${y} AND r.unit = 'prefix' AND r.bucket = ${x}`, `-${s}`),
          series(`${x} < ${y} AND r.unit = 'prefix' AND r.bucket = ${y}`, s),
        ]
      : [cube("hour", x, y, s)];
  const slices = [
    workspaceWide ? series(`r.unit = '${bucket}' AND r.bucket >= b.cs AND r.bucket < b.ce`, "1") : cube(bucket, "b.cs", "b.ce", "1"),
    ...edge("b.x1", "b.y1", "b.s1"),
    ...edge("b.x2", "b.y2", "b.s2"),
    `SELECT r.${dim}::text, 1, ${sums} FROM usage_rollup_deltas r
     WHERE r.workspace_id = ${ws}::uuid AND r.created_at >= b.ls AND r.created_at < b.le${where}`,
  ];
  const ceilHour = (x: string) => `(date_trunc('hour', ${x}) + CASE WHEN date_trunc('hour', ${x}) < ${x} THEN interval '1 hour' ELSE interval '0' END)`;
  const sql = `
    WITH b0 AS (
      SELECT l AS bucket,
             GREATEST(${ceilHour(`(l AT TIME ZONE ${tz})`)}, ${lo}::timestamptz) AS ls,
             LEAST(${ceilHour(`((l + ('1 ' || ${unit})::interval) AT TIME ZONE ${tz})`)}, ${hi}::timestamptz) AS le
      FROM generate_series(date_trunc(${unit}, ${lo}::timestamptz AT TIME ZONE ${tz}), (${hi}::timestamptz - interval '1 hour') AT TIME ZONE ${tz},
                           ('1 ' || ${unit})::interval) AS l
    ),
    b1 AS (SELECT bucket, ls, le, ${NEAREST[bucket]("ls")} AS cs, ${NEAREST[bucket]("le")} AS ce FROM b0 WHERE ls < le),
    -- The start edge counts negatively when the bucket starts after its boundary; the end edge when it ends before.
    b AS (
      SELECT *, LEAST(ls, cs) AS x1, GREATEST(ls, cs) AS y1, CASE WHEN ls >= cs THEN -1 ELSE 1 END AS s1,
                LEAST(le, ce) AS x2, GREATEST(le, ce) AS y2, CASE WHEN le >= ce THEN 1 ELSE -1 END AS s2
      FROM b1
    ),
    -- LATERAL: each bucket's rows are a few index range scans; a join over the whole table would read every
    -- row of the workspace.
    parts AS (
      SELECT b.bucket, r.* FROM b, LATERAL (
        ${slices.join("\n        UNION ALL\n        ")}
      ) r
    ),
    g AS (
      -- float8 sums: exact for integers below 2^53 and several times cheaper than numeric (what sum(bigint) is).
      SELECT bucket, k, sum((sign * calls)::float8) AS calls, sum((sign * failed_calls)::float8) AS failed_calls,
             sum((sign * credits)::float8) AS credits, sum((sign * images)::float8) AS images,
             sum((sign * total_tokens)::float8) AS tokens
      FROM parts GROUP BY bucket, k
    ),
    -- Each series' label once, not once per bucket.
    labels AS (SELECT g.k, COALESCE(${LABEL[by]}, 'Deleted') AS label FROM (SELECT DISTINCT k FROM g) AS g)
    SELECT to_char(g.bucket, 'YYYY-MM-DD') AS bucket, g.k AS key, labels.label,
           g.calls AS calls, g.failed_calls AS "failedCalls", g.credits AS credits, g.images AS images, g.tokens AS tokens
    FROM g JOIN labels ON labels.k = g.k
    WHERE g.calls <> 0 OR g.credits <> 0
    ORDER BY 1, 2`;
  const { rows } = await getPool().query<UsagePoint>(sql, p.values);
  return rows;
}
