import "server-only";
import { cache } from "react";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import { sumsSql, type RowSource } from "./platform-sql";
import type { PlatformRange } from "./types";

export type PlatformSumsRow = { bucket: string; k: string } & Record<string, number>;

// React's per-request cache, keyed by one string: on a page the timeline and the breakdown's "other" read the same
// total rows per bucket, and the totals and the breakdown the same rows over the range; each is read once.
const readCached = cache(async (key: string): Promise<PlatformSumsRow[]> => {
  const { src, from, to, tz, bucket, whole } = JSON.parse(key) as {
    src: RowSource; from: number; to: number; tz: string; bucket: PlatformRange["bucket"]; whole: boolean;
  };
  const p = new SqlParams();
  const range: PlatformRange = { from: new Date(from), to: new Date(to), tz, bucket, buckets: [] };
  const { rows } = await getPool().query<PlatformSumsRow>(sumsSql(p, src, range, whole), p.values);
  return rows;
});

/** sumsSql's rows (shared within a request: read them, don't change them). */
export function readPlatformSums(src: RowSource, range: PlatformRange, whole: boolean): Promise<PlatformSumsRow[]> {
  return readCached(JSON.stringify({ src, from: range.from.getTime(), to: range.to.getTime(), tz: range.tz, bucket: range.bucket, whole }));
}
