import "server-only";
import { assertPlatformAdmin, type PlatformCaller } from "./assert-platform-admin";
import { planRowSource } from "./plan-row-source";
import { HIGH_DIMS } from "./platform-rollup-writes-sql";
import type { RowSource } from "./platform-sql";
import { readPlatformSums } from "./read-platform-sums";
import { rankPlatformSeries } from "./rank-platform-series";
import { ZERO_SUMS, addSums, labelSeries, toSums } from "./platform-values";
import type { PlatformBreakdown, PlatformBreakdownResult, PlatformFilters, PlatformRange, PlatformSums } from "./types";

type Row = PlatformSums & { bucket: string; key: string };

/** Stands for "every series past the top" in the ranking (never a real key: series keys are uuids, models, statuses). */
const OTHER_MARK = "\u0000other";

async function read(src: RowSource, range: PlatformRange, whole: boolean): Promise<Row[]> {
  const rows = await readPlatformSums(src, range, whole);
  return rows.map((r) => ({ bucket: r.bucket, key: r.k, ...toSums(r as never) }));
}

const byCredits = (a: { key: string } & PlatformSums, b: { key: string } & PlatformSums) =>
  b.credits - a.credits || b.calls - a.calls || a.key.localeCompare(b.key);

/** Each series' sums over the range, highest credits first. */
function rank(rows: Row[]): (PlatformSums & { key: string })[] {
  const totals = new Map<string, PlatformSums>();
  for (const r of rows) totals.set(r.key, addSums(totals.get(r.key) ?? ZERO_SUMS, r));
  return [...totals].map(([key, s]) => ({ key, ...s })).sort(byCredits);
}

/**
 * A breakdown's top `top` series by credits over the range, each with its exact sums per bucket, and `other`: the
 * exact rest (the range's, or the bucket's, total minus the top series). Workspaces, members and keys are ranked
 * once per page (rankPlatformSeries), then only the top series are read, per bucket and
 * over the range, from their own rows; the few series of a model, source or status breakdown are read per bucket at once.
 */
export async function getPlatformBreakdown(
  caller: PlatformCaller,
  range: PlatformRange,
  filters: PlatformFilters,
  by: PlatformBreakdown,
  top = 8,
): Promise<PlatformBreakdownResult> {
  await assertPlatformAdmin(caller);
  const limit = Math.min(Math.max(Math.trunc(top) || 1, 1), 50);
  const plan = planRowSource(filters, by);
  const wide = plan.rows.kind === "platform" && (HIGH_DIMS as readonly string[]).includes(by);
  let ranked: (PlatformSums & { key: string })[];
  let points: Row[];
  if (!wide) {
    const rows = await read(plan.rows, range, false);
    ranked = rank(rows);
    const topKeys = new Set(ranked.slice(0, limit).map((s) => s.key));
    const other = new Map<string, PlatformSums>();
    points = [];
    for (const r of rows) {
      if (topKeys.has(r.key)) points.push(r);
      else other.set(r.bucket, addSums(other.get(r.bucket) ?? ZERO_SUMS, r));
    }
    for (const [bucket, s] of other) points.push({ bucket, key: "other", ...s });
  } else {
    const topKeys = (await rankPlatformSeries(by, range, limit)).map((s) => s.key);
    const totalPlan = planRowSource(filters, "total").rows;
    const [topRows, topTotals, bucketTotals, rangeTotal] = await Promise.all([
      topKeys.length ? read({ ...plan.rows, series: topKeys }, range, false) : Promise.resolve([]),
      topKeys.length ? read({ ...plan.rows, series: topKeys }, range, true) : Promise.resolve([]),
      read(totalPlan, range, false),
      read(totalPlan, range, true),
    ]);
    // The top series' every metric over the range, in rank order; the rest as one "other" (the total minus them),
    // shown when some series past the top has calls or credits: every series' sums are ≥ 0, so exactly when the
    // rest's calls or credits are not 0.
    const full = new Map(rank(topTotals).map((s) => [s.key, s]));
    ranked = topKeys.map((key) => full.get(key) ?? { key, ...ZERO_SUMS });
    const rest = addSums(rangeTotal.reduce<PlatformSums>((acc, r) => addSums(acc, r), ZERO_SUMS), ranked.reduce<PlatformSums>((acc, r) => addSums(acc, r), ZERO_SUMS), -1);
    if (rest.calls !== 0 || rest.credits !== 0) ranked.push({ key: OTHER_MARK, ...rest });
    points = [...topRows];
    const other = new Map<string, PlatformSums>();
    for (const r of bucketTotals) other.set(r.bucket, addSums(other.get(r.bucket) ?? ZERO_SUMS, r));
    for (const r of topRows) if (other.has(r.bucket)) other.set(r.bucket, addSums(other.get(r.bucket)!, r, -1));
    for (const [bucket, s] of other) if (s.calls !== 0 || s.credits !== 0) points.push({ bucket, key: "other", ...s });
  }
  const hasOther = ranked.length > limit;
  const shown = ranked.slice(0, limit);
  const rest = ranked.slice(limit).reduce<PlatformSums>((acc, s) => addSums(acc, s), ZERO_SUMS);
  const labels = await labelSeries(by, shown.map((s) => s.key));
  const series = shown.map((s) => ({ key: s.key, label: labels.get(s.key) ?? s.key }));
  const totals = shown.map((s) => ({ ...s, label: labels.get(s.key) ?? s.key }));
  if (hasOther) {
    series.push({ key: "other", label: "Other" });
    totals.push({ key: "other", label: "Other", ...rest });
  }
  const order = new Map(range.buckets.map((b, i) => [b, i]));
  points.sort((a, b) => (order.get(a.bucket) ?? 0) - (order.get(b.bucket) ?? 0) || a.key.localeCompare(b.key));
  return { series, points, totals };
}
