import "server-only";
import { cache } from "react";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import type { PlatformDim } from "./platform-rollup-writes-sql";
import { rankCandidatesSql, rankSeriesSql, sumsSql } from "./platform-sql";
import type { PlatformRange } from "./types";

const SHORT_MS = 32 * 24 * 3_600_000;
/** Every caller asks for at least this many, so a page's breakdown (8) and top spenders (10) share one ranking. */
const MIN_TOP = 10;

type Ranked = { key: string; calls: number; credits: number };

// React's per-request cache: a page ranks members once for its breakdown and its top spenders (primitives as keys).
const rankCached = cache(async (dim: PlatformDim, fromMs: number, toMs: number, n: number): Promise<Ranked[]> => {
  const [from, to] = [new Date(fromMs), new Date(toMs)];
  let inner: string;
  const p = new SqlParams();
  if (toMs - fromMs <= SHORT_MS) {
    // Up to 32 days (the 30-day view), the rows of those hours and days cost less than probing running totals.
    inner = sumsSql(p, { kind: "platform", dim }, { from, to, tz: "UTC", bucket: "hour", buckets: [] }, true);
  } else {
    // Longer: bound each series by its whole months inside and around the range (one scan of month rows), then probe
    // the running totals only of the series that can still be in the top n (rankCandidatesSql).
    const c = new SqlParams();
    const { rows } = await getPool().query<{ series: string }>(rankCandidatesSql(c, dim, from, to, n), c.values);
    if (rows.length === 0) return [];
    inner = rankSeriesSql(p, dim, from, to, rows.map((r) => r.series));
  }
  const { rows } = await getPool().query<{ k: string; calls: number; credits: number }>(
    `SELECT k, calls, credits FROM (${inner}) AS t ORDER BY credits DESC, calls DESC, k LIMIT ${p.add(n)}`,
    p.values,
  );
  return rows.map((r) => ({ key: r.k, calls: Number(r.calls), credits: Number(r.credits) }));
});

/**
 * The top `n` series of a workspace, member or key breakdown by credits over the range (then calls, then key), each
 * with its exact calls and credits; series with no calls and no credits in the range are left out. Over more than
 * 32 days from the running totals (two index probes per series) of only the series that bounds from the month rows
 * leave in the race (rankCandidatesSql); over 32 days or less from the rows of those hours and days directly.
 */
export async function rankPlatformSeries(dim: PlatformDim, range: Pick<PlatformRange, "from" | "to">, n: number): Promise<Ranked[]> {
  const all = await rankCached(dim, range.from.getTime(), range.to.getTime(), Math.max(n, MIN_TOP));
  return all.slice(0, n);
}
