import type { UsagePoint } from "@/lib/usage/get-usage-series";
import { USAGE_METRICS, type UsageMetric } from "./usage-metrics";

export type ShapedSeries = { label: string; color: number };
/** One metric's chart: at most six series and one value per bucket and series (bucket-major). */
export type ShapedChart = { series: ShapedSeries[]; values: number[][]; total: number };
export type ShapedCharts = Record<UsageMetric, ShapedChart>;

const TOP = 5;

/**
 * Per metric, the five biggest members/models/keys get a series each and the rest are summed as "others". Done on
 * the server so the page carries a few numbers per bucket, not every member's point (a year by 50 members would
 * be hundreds of kilobytes of HTML).
 */
export function shapeUsageCharts(points: UsagePoint[], buckets: string[]): ShapedCharts {
  const index = new Map(buckets.map((day, i) => [day, i]));
  const shapeOne = (metric: UsageMetric): ShapedChart => {
    const totals = new Map<string, { label: string; total: number }>();
    for (const p of points) {
      const t = totals.get(p.key) ?? { label: p.label, total: 0 };
      t.total += p[metric];
      totals.set(p.key, t);
    }
    const ranked = [...totals.entries()].filter(([, t]) => t.total !== 0).sort((a, b) => b[1].total - a[1].total);
    const series: ShapedSeries[] = ranked.slice(0, TOP).map(([, t], i) => ({ label: t.label, color: i }));
    if (ranked.length > TOP) series.push({ label: `${ranked.length - TOP} others`, color: TOP });
    const slot = new Map(ranked.map(([key], i) => [key, Math.min(i, TOP)]));
    const values = buckets.map(() => new Array<number>(series.length).fill(0));
    for (const p of points) {
      const row = values[index.get(p.bucket) ?? -1];
      const s = slot.get(p.key);
      if (row && s !== undefined) row[s]! += p[metric];
    }
    return { series, values, total: ranked.reduce((sum, [, t]) => sum + t.total, 0) };
  };
  return Object.fromEntries(USAGE_METRICS.map((m) => [m.key, shapeOne(m.key)])) as ShapedCharts;
}
