import "server-only";
import { cache } from "react";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import type { PlatformDim } from "./platform-rollup-writes-sql";
import { rankCandidatesSql, rankSeriesSql, sumsSql } from "./platform-sql";
import type { PlatformRange } from "./types";

/** Up to 2 days (the 24-hour view) the rows of those hours cost less than bounds from month rows, which prune nothing. */
const SHORT_MS = 2 * 24 * 3_600_000;
/** Every caller asks for at least this many, so a page's breakdown (8) and top spenders (10) share one ranking. */
const MIN_TOP = 10;
/** How many of the likeliest series are summed exactly first, to set the bar the others' bounds must reach. */
const FIRST_BATCH = 40;

type Ranked = { key: string; calls: number; credits: number };

const byCredits = (a: Ranked, b: Ranked) => b.credits - a.credits || b.calls - a.calls || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

async function exactSums(dim: PlatformDim, from: Date, to: Date, series: string[]): Promise<Ranked[]> {
  if (series.length === 0) return [];
  const p = new SqlParams();
  const { rows } = await getPool().query<{ k: string; calls: number; credits: number }>(rankSeriesSql(p, dim, from, to, series), p.values);
  return rows.map((r) => ({ key: r.k, calls: Number(r.calls), credits: Number(r.credits) }));
}

// React's per-request cache: a page ranks members once for its breakdown and its top spenders (primitives as keys).
const rankCached = cache(async (dim: PlatformDim, fromMs: number, toMs: number, n: number): Promise<Ranked[]> => {
  const [from, to] = [new Date(fromMs), new Date(toMs)];
  if (toMs - fromMs <= SHORT_MS) {
    const p = new SqlParams();
    const inner = sumsSql(p, { kind: "platform", dim }, { from, to, tz: "UTC", bucket: "hour", buckets: [] }, true);
    const { rows } = await getPool().query<{ k: string; calls: number; credits: number }>(
      `SELECT k, calls, credits FROM (${inner}) AS t ORDER BY credits DESC, calls DESC, k LIMIT ${p.add(n)}`,
      p.values,
    );
    return rows.map((r) => ({ key: r.k, calls: Number(r.calls), credits: Number(r.credits) }));
  }
  // Longer: bound each series' credits by its month rows (one scan; rankCandidatesSql also drops the series that
  // can't reach the n-th best lower bound), sum the likeliest FIRST_BATCH exactly from the running totals (two index
  // probes each), and the rest only if their upper bound reaches the n-th best exact sum so far: a series below it
  // has fewer credits than n others, so the top n are exact whatever the spread (a flat one only costs more probes).
  const c = new SqlParams();
  const { rows: bounds } = await getPool().query<{ series: string; hi: number }>(rankCandidatesSql(c, dim, from, to, n), c.values);
  const first = await exactSums(dim, from, to, bounds.slice(0, FIRST_BATCH).map((b) => b.series));
  const bar = first.length >= n ? [...first].sort(byCredits)[n - 1]!.credits : -Infinity;
  const rest = await exactSums(dim, from, to, bounds.slice(FIRST_BATCH).filter((b) => Number(b.hi) >= bar).map((b) => b.series));
  return [...first, ...rest].sort(byCredits).slice(0, n);
});

/**
 * The top `n` series of a workspace, member or key breakdown by credits over the range (then calls, then key), each
 * with its exact calls and credits; series with no calls and no credits in the range are left out. Over more than
 * 2 days from the running totals (two index probes per series) of only the series whose bounds from the month rows
 * keep them in the race; over 2 days or less from the rows of those hours directly.
 */
export async function rankPlatformSeries(dim: PlatformDim, range: Pick<PlatformRange, "from" | "to">, n: number): Promise<Ranked[]> {
  const all = await rankCached(dim, range.from.getTime(), range.to.getTime(), Math.max(n, MIN_TOP));
  return all.slice(0, n);
}
