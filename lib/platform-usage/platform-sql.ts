// The SQL behind the platform dashboards: which rollup rows make up a bucket of the viewer's zone, and where each
// breakdown's rows live. Sums only ever come from rollups (platform_usage_series, platform_latency_bins, the cube
// usage_rollups_*) plus the deltas not folded yet (usage_rollup_deltas, a few seconds' worth), never usage_records.
import type { SqlParams } from "@/lib/gallery/gallery-sql";
import { NO_KEY_UUID } from "@/lib/usage/rollup-writes-sql";
import { HIGH_DIMS, SUMS, latencyBinSql, seriesExprSql, type LatencyDim, type PlatformDim } from "./platform-rollup-writes-sql";
import type { PlatformBucket, PlatformRange } from "./types";

/** Where a query's rows come from, and which series it keeps (`series` restricts to those keys). */
export type RowSource =
  | { kind: "platform"; dim: PlatformDim; series?: string[] }
  | { kind: "workspace"; workspaceId: string; dim: PlatformDim; model?: string; source?: "api" | "studio"; series?: string[] };

const isHigh = (dim: PlatformDim) => (HIGH_DIMS as readonly string[]).includes(dim);
const HIGH_COLUMN: Record<string, string> = { workspace: "workspace_id", member: "user_id", key: "api_key_id" };
const CUBE = [
  { unit: "hour", table: "usage_rollups_hourly", column: "hour" },
  { unit: "day", table: "usage_rollups_daily", column: "day" },
  { unit: "month", table: "usage_rollups_monthly", column: "month" },
] as const;
const sums = (r: string) => SUMS.map((c) => `${r}.${c}`).join(", ");

const ceilHour = (x: string) =>
  `(date_trunc('hour', ${x}, 'UTC') + CASE WHEN date_trunc('hour', ${x}, 'UTC') < ${x} THEN interval '1 hour' ELSE interval '0' END)`;

/** The UTC boundary of a day or month nearest to `x` (a whole hour). */
const NEAREST: Record<"day" | "month", (x: string) => string> = {
  day: (x) => `date_trunc('day', ${x} + interval '12 hours', 'UTC')`,
  month: (x) => `(SELECT CASE WHEN ${x} - m < date_add(m, interval '1 month', 'UTC') - ${x} THEN m ELSE date_add(m, interval '1 month', 'UTC') END
                   FROM (SELECT date_trunc('month', ${x}, 'UTC') AS m) AS t)`,
};

/**
 * `b0(bucket, ls, le)`: the range's buckets in the viewer's zone, each as UTC whole hours [ls, le). A day or month
 * starts at the first whole UTC hour at or after its local midnight (exact in whole-hour zones). An hour bucket is a
 * UTC hour labelled by the local hour it starts in: in a half-hour zone the label is the local hour it starts in,
 * and on the night clocks go back the repeated local hour's two UTC hours share one label (and one bucket).
 */
export function bucketsSql(p: SqlParams, range: Pick<PlatformRange, "from" | "to" | "tz" | "bucket">): string {
  const [lo, hi, tz] = [p.add(range.from), p.add(range.to), p.add(range.tz)];
  if (range.bucket === "hour") {
    return `b0 AS (
      SELECT to_char(date_trunc('hour', h AT TIME ZONE ${tz}), 'YYYY-MM-DD"T"HH24:00') AS bucket, h AS ls, h + interval '1 hour' AS le
      FROM generate_series(${lo}::timestamptz, ${hi}::timestamptz - interval '1 hour', interval '1 hour') AS h)`;
  }
  const unit = p.add(range.bucket);
  return `b0 AS (
      SELECT bucket, ls, le FROM (
        SELECT to_char(l, 'YYYY-MM-DD') AS bucket,
               GREATEST(${ceilHour(`(l AT TIME ZONE ${tz})`)}, ${lo}::timestamptz) AS ls,
               LEAST(${ceilHour(`((l + ('1 ' || ${unit})::interval) AT TIME ZONE ${tz})`)}, ${hi}::timestamptz) AS le
        FROM generate_series(date_trunc(${unit}, ${lo}::timestamptz AT TIME ZONE ${tz}),
                             (${hi}::timestamptz - interval '1 hour') AT TIME ZONE ${tz}, ('1 ' || ${unit})::interval) AS l
      ) AS t WHERE ls < le)`;
}

/**
 * `raw(bucket, unit, x, y, sign)` and `dl(bucket, ls, le)` for each bucket of the range. A day or month bucket is
 * the rows of its own unit between the UTC boundaries nearest its edges, corrected at each edge by the hours between
 * the local edge and that boundary (sums are additive): 1 row plus ≤ 2×12 hourly rows per series whatever the zone.
 */
function bucketSegmentsSql(p: SqlParams, range: PlatformRange): string {
  const b0 = bucketsSql(p, range);
  if (range.bucket === "hour") {
    return `${b0}, raw AS (SELECT bucket, 'hour'::text AS unit, ls AS x, le AS y, 1 AS sign FROM b0), dl AS (SELECT bucket, ls, le FROM b0)`;
  }
  const near = NEAREST[range.bucket];
  return `${b0},
    b1 AS (SELECT bucket, ls, le, ${near("ls")} AS cs, ${near("le")} AS ce FROM b0),
    -- The start edge counts negatively when the bucket starts after its boundary; the end edge when it ends before.
    b AS (
      SELECT *, LEAST(ls, cs) AS x1, GREATEST(ls, cs) AS y1, CASE WHEN ls >= cs THEN -1 ELSE 1 END AS s1,
                LEAST(le, ce) AS x2, GREATEST(le, ce) AS y2, CASE WHEN le >= ce THEN 1 ELSE -1 END AS s2
      FROM b1),
    raw AS (
      SELECT bucket, '${range.bucket}'::text AS unit, cs AS x, ce AS y, 1 AS sign FROM b WHERE cs < ce
      UNION ALL SELECT bucket, 'hour', x1, y1, s1 FROM b WHERE x1 < y1
      UNION ALL SELECT bucket, 'hour', x2, y2, s2 FROM b WHERE x2 < y2),
    dl AS (SELECT bucket, ls, le FROM b0)`;
}

/** The whole range [from, to) as one bucket named `all`. */
function rangeSegmentsSql(p: SqlParams, from: Date, to: Date): string {
  const [lo, hi] = [p.add(from), p.add(to)];
  return `raw AS (SELECT 'all'::text AS bucket, 'hour'::text AS unit, ${lo}::timestamptz AS x, ${hi}::timestamptz AS y, 1 AS sign),
    dl AS (SELECT 'all'::text AS bucket, ${lo}::timestamptz AS ls, ${hi}::timestamptz AS le)`;
}

// A run of hours [x, y) is read as its whole UTC months, the whole days around them and the hours at both ends
// (≤ 46 hourly, ≤ 60 daily rows per series however long the run); other segments are read as they are.
const SEG = `seg AS (
    SELECT r.bucket, pc.unit, pc.x, pc.y, r.sign
    FROM raw r
    CROSS JOIN LATERAL (SELECT date_trunc('day', r.x - interval '1 hour', 'UTC') + interval '1 day' AS cd,
                               date_trunc('day', r.y, 'UTC') AS fd) AS k1
    CROSS JOIN LATERAL (SELECT CASE WHEN date_trunc('month', k1.cd, 'UTC') = k1.cd THEN k1.cd
                                    ELSE date_add(date_trunc('month', k1.cd, 'UTC'), interval '1 month', 'UTC') END AS cm,
                               date_trunc('month', k1.fd, 'UTC') AS fm) AS k2
    CROSS JOIN LATERAL (VALUES
      ('hour', r.x, LEAST(k1.cd, r.y)),
      ('day', k1.cd, CASE WHEN k2.cm < k2.fm THEN k2.cm ELSE k1.fd END),
      ('month', k2.cm, k2.fm),
      ('day', CASE WHEN k2.cm < k2.fm THEN k2.fm ELSE k1.fd END, k1.fd),
      ('hour', GREATEST(k1.fd, k1.cd), r.y)
    ) AS pc(unit, x, y)
    WHERE r.unit = 'hour' AND pc.x < pc.y
    UNION ALL
    SELECT bucket, unit, x, y, sign FROM raw WHERE unit <> 'hour')`;

/** `AND …` on usage_rollup_deltas or a cube table `r` for a source's workspace, model, source and series. */
function sourceWhere(p: SqlParams, src: RowSource, withDims: boolean): string {
  const parts: string[] = [];
  if (src.kind === "workspace") {
    parts.push(`r.workspace_id = ${p.add(src.workspaceId)}::uuid`);
    if (src.model) parts.push(`r.model = ${p.add(src.model)}`);
    if (src.source) parts.push(`${seriesExprSql("source", "r")} = ${p.add(src.source)}`);
  }
  if (withDims && src.series) parts.push(`${seriesExprSql(src.dim, "r")} = ANY(${p.add(src.series)}::text[])`);
  return parts.map((x) => ` AND ${x}`).join("");
}

/** UNION ALL branches giving `(k, sums…)` of the segment `seg` for the source. */
function segmentRowsSql(p: SqlParams, src: RowSource): string {
  if (src.kind === "workspace") {
    const where = sourceWhere(p, src, true);
    return CUBE.map(
      (c) => `SELECT ${seriesExprSql(src.dim, "r")} AS k, ${sums("r")} FROM ${c.table} r
        WHERE seg.unit = '${c.unit}' AND r.${c.column} >= seg.x AND r.${c.column} < seg.y${where}`,
    ).join("\n        UNION ALL ");
  }
  const dim = p.add(src.dim);
  const only = src.series ? ` AND r.series = ANY(${p.add(src.series)}::text[])` : "";
  const series = `SELECT r.series AS k, ${sums("r")} FROM platform_usage_series r
        WHERE r.dim = ${dim} AND r.unit = seg.unit AND r.bucket >= seg.x AND r.bucket < seg.y${only}`;
  if (!isHigh(src.dim)) return series;
  // Workspaces, members and keys have no hourly platform rows: their hours are the cube's (indexed by hour, user, key).
  // Except the keys' one hot series: studio calls, which have no key, are a third of all calls, and the cube keeps a
  // row per member and hour for them (hundreds an hour). They are exactly the source breakdown's "studio" series, whose
  // hourly rows platform_usage_series keeps (one an hour), so that series' hours are read from there.
  const col = HIGH_COLUMN[src.dim]!;
  const studio = src.dim === "key" && (!src.series || src.series.includes(NO_KEY_UUID));
  const studioHours = studio
    ? `
        UNION ALL SELECT '${NO_KEY_UUID}', ${sums("r")} FROM platform_usage_series r
        WHERE seg.unit = 'hour' AND r.dim = 'source' AND r.unit = 'hour' AND r.series = 'studio' AND r.bucket >= seg.x AND r.bucket < seg.y`
    : "";
  const others = src.series?.filter((k) => !(src.dim === "key" && k === NO_KEY_UUID));
  // A few series: one index range scan per series ((workspace|user|api_key)_id, hour), spelled as a join with the
  // list because the planner, misjudging `= ANY(list)`, would rather read every row of those hours by the hour index.
  const cubeHours = others
    ? `SELECT r.${col}::text, ${sums("r")} FROM unnest(${p.add(others)}::uuid[]) AS one(id)
        CROSS JOIN LATERAL (SELECT * FROM usage_rollups_hourly r WHERE r.${col} = one.id AND r.hour >= seg.x AND r.hour < seg.y OFFSET 0) AS r
        WHERE seg.unit = 'hour'`
    : `SELECT r.${col}::text, ${sums("r")} FROM usage_rollups_hourly r
        WHERE seg.unit = 'hour' AND r.hour >= seg.x AND r.hour < seg.y${src.dim === "key" ? ` AND r.api_key_id <> '${NO_KEY_UUID}'::uuid` : ""}`;
  return `${series} AND seg.unit <> 'hour'
        UNION ALL ${cubeHours}${studioHours}`;
}

// Every LATERAL ends in OFFSET 0, so the planner keeps it a subquery run per segment (a few index range scans each)
// instead of pulling it up into a hash join that reads every row of the dimension.

/**
 * Sums per (bucket, series) of `range`'s buckets (or of the whole range as bucket `all` when `whole`), as float8:
 * exact for integers below 2^53 and cheaper than numeric. Rows with no calls are left out.
 */
export function sumsSql(p: SqlParams, src: RowSource, range: PlatformRange, whole: boolean): string {
  const segments = whole ? rangeSegmentsSql(p, range.from, range.to) : bucketSegmentsSql(p, range);
  const rows = segmentRowsSql(p, src);
  const deltas = `SELECT ${seriesExprSql(src.dim, "r")} AS k, ${sums("r")} FROM usage_rollup_deltas r
        WHERE r.created_at >= dl.ls AND r.created_at < dl.le${sourceWhere(p, src, true)}`;
  return `WITH ${segments}, ${SEG},
    parts AS (
      SELECT seg.bucket, seg.sign, r.* FROM seg, LATERAL (${rows} OFFSET 0) AS r
      UNION ALL
      SELECT dl.bucket, 1, r.* FROM dl, LATERAL (${deltas} OFFSET 0) AS r
    )
    SELECT bucket, k, ${SUMS.map((c) => `sum((sign * ${c})::float8) AS ${c}`).join(", ")}
    FROM parts GROUP BY bucket, k HAVING sum((sign * calls)::float8) <> 0 OR sum((sign * credits)::float8) <> 0`;
}

/**
 * Latency histogram counts per (bucket, bin) of one series of a breakdown with latency bins (LATENCY_DIMS: a
 * low-cardinality one, or one workspace). The index (dim, series, unit, bucket) reads one workspace's bins without
 * those of every other workspace in the same buckets.
 */
export function latencySql(p: SqlParams, dim: LatencyDim, series: string, range: PlatformRange, whole: boolean): string {
  const segments = whole ? rangeSegmentsSql(p, range.from, range.to) : bucketSegmentsSql(p, range);
  const [d, s] = [p.add(dim), p.add(series)];
  return `WITH ${segments}, ${SEG},
    parts AS (
      SELECT seg.bucket, seg.sign * r.calls AS n, r.bin FROM seg, LATERAL (
        SELECT r.bin, r.calls FROM platform_latency_bins r
        WHERE r.dim = ${d} AND r.unit = seg.unit AND r.bucket >= seg.x AND r.bucket < seg.y AND r.series = ${s} OFFSET 0) AS r
      UNION ALL
      SELECT dl.bucket, r.calls, ${latencyBinSql("r.latency_ms")} FROM dl, LATERAL (
        SELECT * FROM usage_rollup_deltas r
        WHERE r.created_at >= dl.ls AND r.created_at < dl.le AND r.latency_ms IS NOT NULL AND ${seriesExprSql(dim, "r")} = ${s} OFFSET 0) AS r
    )
    SELECT bucket, bin, sum(n)::float8 AS n FROM parts GROUP BY bucket, bin HAVING sum(n) <> 0 ORDER BY bucket, bin`;
}

export type { PlatformBucket };

/**
 * Calls and credits over [from, to) of every series of a high-cardinality breakdown (workspace, member, key), for
 * ranking: per series, two probes of platform_usage_running (its running total before the UTC midnight nearest each
 * end), corrected by the cube's hours between each end and that midnight (≤ 12 hours each, signed), plus the deltas
 * not folded yet. The series are `only` when given (then only those are returned), else every series, found by a
 * loose index scan of the running totals' key (one probe per series).
 */
export function rankSeriesSql(p: SqlParams, dim: PlatformDim, from: Date, to: Date, only?: string[]): string {
  const [d, lo, hi] = [p.add(dim), p.add(from), p.add(to)];
  const list = only ? p.add(only) : null;
  const col = HIGH_COLUMN[dim]!;
  const at = (edge: string) => `(SELECT r.calls, r.credits FROM platform_usage_running r
        WHERE r.dim = ${d} AND r.series = s.series AND r.day < ${edge} ORDER BY r.day DESC LIMIT 1)`;
  const everyHour = (x: string, y: string, sign: string) => `SELECT r.${col}::text AS k, ${sign} * r.calls AS calls, ${sign} * r.credits AS credits
        FROM usage_rollups_hourly r, e WHERE r.hour >= ${x} AND r.hour < ${y}`;
  // With a list, only its series' hours, each by its own index range (as in segmentRowsSql), and the studio key's
  // from the source rollup's hourly rows (studio calls are exactly those without a key).
  const cubeList = only?.filter((k) => !(dim === "key" && k === NO_KEY_UUID));
  const studio = dim === "key" && only?.includes(NO_KEY_UUID);
  const cubeParam = cubeList ? p.add(cubeList) : "";
  const hours = (x: string, y: string, sign: string) =>
    !only
      ? everyHour(x, y, sign)
      : `SELECT one.id::text, ${sign} * r.calls, ${sign} * r.credits FROM e, unnest(${cubeParam}::uuid[]) AS one(id)
        CROSS JOIN LATERAL (SELECT r.calls, r.credits FROM usage_rollups_hourly r WHERE r.${col} = one.id AND r.hour >= ${x} AND r.hour < ${y} OFFSET 0) AS r${
          studio
            ? `
        UNION ALL SELECT '${NO_KEY_UUID}', ${sign} * r.calls, ${sign} * r.credits FROM platform_usage_series r, e
        WHERE r.dim = 'source' AND r.unit = 'hour' AND r.series = 'studio' AND r.bucket >= ${x} AND r.bucket < ${y}`
            : ""
        }`;
  const series = list
    ? `s AS (SELECT DISTINCT unnest(${list}::text[]) AS series),`
    : `s AS (
      (SELECT series FROM platform_usage_running WHERE dim = ${d} ORDER BY series LIMIT 1)
      UNION ALL
      SELECT (SELECT r.series FROM platform_usage_running r WHERE r.dim = ${d} AND r.series > s.series ORDER BY r.series LIMIT 1)
      FROM s WHERE s.series IS NOT NULL),`;
  return `WITH RECURSIVE ${series}
    e AS (SELECT ${lo}::timestamptz AS a, ${hi}::timestamptz AS b, ${NEAREST.day(`${lo}::timestamptz`)} AS na, ${NEAREST.day(`${hi}::timestamptz`)} AS nb),
    parts AS (
      SELECT s.series AS k, COALESCE(h.calls, 0) - COALESCE(l.calls, 0) AS calls, COALESCE(h.credits, 0) - COALESCE(l.credits, 0) AS credits
      FROM s CROSS JOIN e LEFT JOIN LATERAL ${at("e.nb")} AS h ON true LEFT JOIN LATERAL ${at("e.na")} AS l ON true
      WHERE s.series IS NOT NULL
      UNION ALL ${hours("e.na", "e.a", "-1")}
      UNION ALL ${hours("e.a", "e.na", "1")}
      UNION ALL ${hours("e.nb", "e.b", "1")}
      UNION ALL ${hours("e.b", "e.nb", "-1")}
      UNION ALL SELECT ${seriesExprSql(dim, "r")}, r.calls, r.credits FROM usage_rollup_deltas r, e WHERE r.created_at >= e.a AND r.created_at < e.b
    )
    SELECT k, sum(calls)::float8 AS calls, sum(credits)::float8 AS credits FROM parts${list ? ` WHERE k = ANY(${list}::text[])` : ""} GROUP BY k
    HAVING sum(calls) <> 0 OR sum(credits) <> 0`;
}

const ceilMonth = (x: string) =>
  `(CASE WHEN date_trunc('month', ${x}, 'UTC') = ${x} THEN ${x} ELSE date_add(date_trunc('month', ${x}, 'UTC'), interval '1 month', 'UTC') END)`;

/**
 * The series of a high-cardinality breakdown that can be among the top `n` by credits over [from, to), from bounds
 * on each series' credits: at least its UTC months wholly inside the range, at most the months the range touches
 * (platform_usage_series month rows, one index range scan), both plus its deltas not folded yet in the range. Every
 * folded row's credits are ≥ 0 (a row sums records' charges), so lower ≤ exact ≤ upper; with τ the n-th largest
 * lower bound, a series whose upper bound is below τ has fewer credits than n others and is left out, whatever the
 * tie-break. With fewer than n series, or no whole month inside the range, every series with usage is kept. Each
 * comes with its upper bound `hi`, highest first, for the caller to prune further (rankPlatformSeries).
 */
export function rankCandidatesSql(p: SqlParams, dim: PlatformDim, from: Date, to: Date, n: number): string {
  const [d, lo, hi, k] = [p.add(dim), p.add(from), p.add(to), p.add(n)];
  return `WITH e AS (SELECT date_trunc('month', ${lo}::timestamptz, 'UTC') AS om0, ${ceilMonth(`${lo}::timestamptz`)} AS im0,
                          date_trunc('month', ${hi}::timestamptz, 'UTC') AS im1, ${ceilMonth(`${hi}::timestamptz`)} AS om1),
    m AS (
      SELECT r.series, COALESCE(sum(r.credits::float8) FILTER (WHERE r.bucket >= e.im0 AND r.bucket < e.im1), 0) AS lo, sum(r.credits::float8) AS hi
      FROM platform_usage_series r, e
      WHERE r.dim = ${d} AND r.unit = 'month' AND r.bucket >= e.om0 AND r.bucket < e.om1
      GROUP BY r.series),
    dl AS (
      SELECT ${seriesExprSql(dim, "r")} AS series, sum(r.credits::float8) AS c FROM usage_rollup_deltas r
      WHERE r.created_at >= ${lo}::timestamptz AND r.created_at < ${hi}::timestamptz GROUP BY 1),
    b AS (
      SELECT series, COALESCE(m.lo, 0) + COALESCE(dl.c, 0) AS lo, COALESCE(m.hi, 0) + COALESCE(dl.c, 0) AS hi
      FROM m FULL JOIN dl USING (series)),
    t AS (SELECT (SELECT lo FROM b ORDER BY lo DESC OFFSET ${k}::int - 1 LIMIT 1) AS tau)
    SELECT b.series, b.hi FROM b, t WHERE t.tau IS NULL OR b.hi >= t.tau ORDER BY b.hi DESC, b.series`;
}
