"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS, ChartContainer, ChartLegend, ChartNumbers, ChartPanel, ChartTooltipContent, type ChartSeries } from "@/components/ui/chart";
import type { PlatformBreakdown, PlatformBreakdownResult, PlatformBucket, PlatformSums } from "@/lib/platform-usage/types";
import { bucketBounds, recordsHref, seriesFilter, type DrillBase, type RangeBounds } from "./drill-down";
import { bucketLabel, formatCount } from "./format";
import { MetricSwitch } from "@/components/usage/metric-switch";

type SumMetric = "credits" | "calls" | "totalTokens" | "images";
const METRICS: readonly { key: SumMetric; label: string }[] = [
  { key: "credits", label: "Credits" },
  { key: "calls", label: "Calls" },
  { key: "totalTokens", label: "Tokens" },
  { key: "images", label: "Images" },
];

type Props = { result: PlatformBreakdownResult; by: PlatformBreakdown; byLabel: string; range: RangeBounds; unit: PlatformBucket; drill: DrillBase };

/**
 * The breakdown's top series stacked per bucket, the rest as "Other". A segment (or its cell in the table below)
 * opens the records of that bucket and series; "Other" opens the bucket's records outside the top series.
 */
export function BreakdownChart({ result, by, byLabel, range, unit, drill }: Props) {
  const router = useRouter();
  const [metric, setMetric] = useState<SumMetric>("credits");
  const { series, rows } = useMemo(() => {
    const hasOther = result.points.some((p) => p.key === "other");
    const keys = [...result.series, ...(hasOther ? [{ key: "other", label: "Other" }] : [])];
    const top = result.series.map((s) => s.key);
    const series = keys.map((s, i) => ({ ...s, id: `s${i}`, color: CHART_COLORS[Math.min(i, CHART_COLORS.length - 1)]!, filter: seriesFilter(by, s.key, top) }));
    const index = new Map(series.map((s, i) => [s.key, i]));
    const cells = new Map<string, PlatformSums[]>();
    for (const p of result.points) {
      const row = cells.get(p.bucket) ?? new Array<PlatformSums | undefined>(series.length).fill(undefined);
      const i = index.get(p.key);
      if (i !== undefined) row[i] = p;
      cells.set(p.bucket, row as PlatformSums[]);
    }
    const rows = range.buckets.map((bucket, b) => {
      const slice = bucketBounds(range, b);
      return {
        bucket,
        label: bucketLabel(bucket, unit),
        sums: cells.get(bucket) ?? [],
        bucketHref: recordsHref(drill, slice, range.tz),
        hrefs: series.map((s) => (s.filter ? recordsHref(drill, slice, range.tz, s.filter) : null)),
      };
    });
    return { series, rows };
  }, [result, by, range, unit, drill]);

  const chartSeries: ChartSeries[] = series.map((s) => ({ key: s.id, label: s.label, color: s.color }));
  const data = rows.map((r, b) => ({ b, label: r.label, ...Object.fromEntries(series.map((s, i) => [s.id, r.sums[i]?.[metric] ?? 0])) }));
  const metricLabel = METRICS.find((m) => m.key === metric)!.label;
  const total = data.reduce((sum, d) => sum + series.reduce((s, x) => s + Number((d as Record<string, unknown>)[x.id] ?? 0), 0), 0);

  return (
    <ChartPanel
      titleId="breakdown-title"
      title={<>{metricLabel} per {unit}, by {byLabel}</>}
      actions={
        <MetricSwitch label="Breakdown metric" options={METRICS} value={metric} onChange={setMetric} />
      }
    >
      <ChartContainer
        role="img"
        data-testid="breakdown-chart"
        aria-label={`${metricLabel} per ${unit} by ${byLabel}: ${formatCount(total)} in total; ${series.map((s) => s.label).join(", ") || "no series"}. The numbers, with links to the records of each bar, are in the table below the chart.`}
      >
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeOpacity={0.3} />
          <XAxis dataKey="label" tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis tickLine={false} axisLine={false} width={56} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
          <Tooltip cursor={{ fillOpacity: 0.08 }} content={({ active, payload, label }) => <ChartTooltipContent active={active} payload={payload} label={label} series={chartSeries} format={formatCount} />} />
          {series.map((s, i) => (
            <Bar key={s.id} dataKey={s.id} name={s.label} stackId="breakdown" fill={s.color} isAnimationActive={false} cursor={s.filter ? "pointer" : "default"} onClick={(bar) => {
              const href = rows[(bar.payload as { b: number }).b]!.hrefs[i];
              if (href) router.push(href);
            }} />
          ))}
        </BarChart>
      </ChartContainer>
      <ChartLegend series={chartSeries} />
      <ChartNumbers>
        {/* One row per bucket and series (not a bucket × series grid): three columns fit a phone, so no link hides in a
            box scrolled sideways. */}
        <table className="mt-2 w-full table-fixed text-left text-xs" data-testid="breakdown-table">
          <caption className="sr-only">
            {metricLabel} per {unit} by {byLabel}; each {unit} and each number links to its records; {unit}s without any are left out
          </caption>
          <thead>
            <tr>
              <th scope="col" className="w-1/3 py-1 pr-3 font-medium">{unit[0]!.toUpperCase() + unit.slice(1)}</th>
              <th scope="col" className="py-1 pr-3 font-medium">{byLabel[0]!.toUpperCase() + byLabel.slice(1)}</th>
              <th scope="col" className="w-1/5 py-1 text-right font-medium">{metricLabel}</th>
            </tr>
          </thead>
          {rows.map((r) => {
            const cells = series.map((s, i) => ({ s, i, value: r.sums[i]?.[metric] ?? 0 })).filter((c) => c.value !== 0);
            if (!cells.length) return null;
            return (
              <tbody key={r.bucket} className="border-t border-border">
                {cells.map(({ s, i, value }, n) => (
                  <tr key={s.id}>
                    {n === 0 ? (
                      <th scope="rowgroup" rowSpan={cells.length} className="py-1 pr-3 align-top font-normal">
                        <Link href={r.bucketHref} className="underline decoration-muted-foreground/40 underline-offset-4 hover:decoration-foreground" aria-label={`All records of ${r.label}`}>{r.label}</Link>
                      </th>
                    ) : null}
                    <td className="truncate py-1 pr-3" title={s.label}>{s.label}</td>
                    <td className="py-1 text-right font-mono tabular-nums">
                      {s.filter ? (
                        <Link href={r.hrefs[i]!} className="min-w-6 justify-end underline decoration-muted-foreground/40 underline-offset-4 hover:decoration-foreground" aria-label={`${formatCount(value)}: records of ${s.label}, ${r.label}`}>
                          {formatCount(value)}
                        </Link>
                      ) : (
                        formatCount(value)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </ChartNumbers>
    </ChartPanel>
  );
}
