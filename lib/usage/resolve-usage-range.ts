import "server-only";
import { getPool } from "@/lib/db/client";
import type { UsageBucket, UsageRange } from "./schemas";

export type ResolvedUsageRange = {
  /** Inclusive, a whole UTC hour. */
  from: Date;
  /** Exclusive, the end of the current hour. */
  to: Date;
  /** Every bucket's first local day (YYYY-MM-DD), oldest first, so empty buckets still show. */
  buckets: string[];
};

const START: Record<UsageRange, { unit: "day" | "month"; back: string }> = {
  "7d": { unit: "day", back: "6 days" },
  "30d": { unit: "day", back: "29 days" },
  "90d": { unit: "day", back: "89 days" },
  "12m": { unit: "month", back: "11 months" },
};

// The range starts at a local midnight (or first of the month) in the viewer's zone. Rollups are hourly, so the
// start is the first whole UTC hour at or after it: exact in every whole-hour zone; in a half-hour zone (e.g.
// Asia/Kolkata) the range, like every bucket, starts at the first whole UTC hour after the local midnight.
const SQL = `
  WITH rng AS (
    SELECT date_trunc('hour', s) + CASE WHEN date_trunc('hour', s) < s THEN interval '1 hour' ELSE interval '0' END AS lo,
           date_trunc('hour', now()) + interval '1 hour' AS hi
    FROM (SELECT (date_trunc($3, now() AT TIME ZONE $1) - $2::interval) AT TIME ZONE $1 AS s) AS start
  )
  SELECT rng.lo, rng.hi,
         ARRAY(SELECT to_char(b, 'YYYY-MM-DD')
               FROM generate_series(date_trunc($4, rng.lo AT TIME ZONE $1), (rng.hi - interval '1 hour') AT TIME ZONE $1,
                                    ('1 ' || $4)::interval) AS b) AS buckets
  FROM rng`;

/** The hours a range covers in the viewer's zone, and its buckets. */
export async function resolveUsageRange(range: UsageRange, timeZone: string, bucket: UsageBucket): Promise<ResolvedUsageRange> {
  const { unit, back } = START[range];
  const { rows } = await getPool().query<{ lo: Date; hi: Date; buckets: string[] }>(SQL, [timeZone, back, unit, bucket]);
  const row = rows[0]!;
  return { from: row.lo, to: row.hi, buckets: row.buckets };
}
