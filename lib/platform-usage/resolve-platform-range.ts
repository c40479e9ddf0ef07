import "server-only";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import { assertPlatformAdmin, type PlatformCaller } from "./assert-platform-admin";
import { bucketsSql } from "./platform-sql";
import { MAX_PLATFORM_BUCKETS, platformRangeInputSchema, type PlatformRangeInput } from "./schemas";
import type { PlatformRange } from "./types";

const BACK: Record<"7d" | "30d" | "90d" | "12m", { unit: "day" | "month"; back: string }> = {
  "7d": { unit: "day", back: "6 days" },
  "30d": { unit: "day", back: "29 days" },
  "90d": { unit: "day", back: "89 days" },
  "12m": { unit: "month", back: "11 months" },
};

const ceil = (x: string) => `(date_trunc('hour', ${x}, 'UTC') + CASE WHEN date_trunc('hour', ${x}, 'UTC') < ${x} THEN interval '1 hour' ELSE interval '0' END)`;
const END = `date_trunc('hour', now(), 'UTC') + interval '1 hour'`;

/**
 * The UTC hours a dashboard range covers and its buckets in the viewer's zone. Presets end with the current hour:
 * `24h` is the last 24 whole hours, `7d`…`90d` start at the local midnight that many days back (today included),
 * `12m` at the first of the month 11 months back. Explicit dates run from the local midnight of `from` to the local
 * midnight after `to`. Rollups are hourly, so an edge is the first whole UTC hour at or after its local instant:
 * exact in whole-hour zones; in a zone offset by a part of an hour every edge moves to the next whole UTC hour.
 */
export async function resolvePlatformRange(caller: PlatformCaller, input: PlatformRangeInput): Promise<PlatformRange> {
  const parsed = platformRangeInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid_input", parsed.error.issues[0]?.message ?? "Invalid range.");
  await assertPlatformAdmin(caller);
  const { preset, from, to, tz, bucket } = parsed.data;
  const pool = getPool();
  const [sql, args] = preset === "24h"
    ? [`SELECT ${END} - interval '24 hours' AS lo, ${END} AS hi`, []]
    : preset
      ? [`SELECT ${ceil(`((date_trunc($3, now() AT TIME ZONE $1) - $2::interval) AT TIME ZONE $1)`)} AS lo, ${END} AS hi`,
         [tz, BACK[preset].back, BACK[preset].unit]]
      : [`SELECT ${ceil(`($2::date::timestamp AT TIME ZONE $1)`)} AS lo, ${ceil(`(($3::date + 1)::timestamp AT TIME ZONE $1)`)} AS hi`, [tz, from, to]];
  const bounds = (await pool.query<{ lo: Date; hi: Date }>(sql, args)).rows[0]!;
  const hours = (bounds.hi.getTime() - bounds.lo.getTime()) / 3_600_000;
  const roughBuckets = bucket === "hour" ? hours : bucket === "day" ? hours / 24 : hours / (24 * 28);
  if (roughBuckets > MAX_PLATFORM_BUCKETS) throw new AppError("invalid_input", "That range has too many buckets: choose a coarser bucket.", { field: "bucket" });
  const p = new SqlParams();
  const b0 = bucketsSql(p, { from: bounds.lo, to: bounds.hi, tz, bucket });
  const { rows } = await pool.query<{ bucket: string }>(`WITH ${b0} SELECT bucket FROM b0 GROUP BY bucket ORDER BY min(ls)`, p.values);
  return { from: bounds.lo, to: bounds.hi, tz, bucket, buckets: rows.map((r) => r.bucket) };
}
