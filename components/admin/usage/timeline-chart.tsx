"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS, ChartContainer, ChartNumbers, ChartPanel, ChartTooltipContent, type ChartSeries } from "@/components/ui/chart";
import type { TimelineMetric } from "@/lib/platform-usage/dashboard-search";
import type { PlatformBucket, PlatformPoint } from "@/lib/platform-usage/types";
import { bucketBounds, recordsHref, type DrillBase, type RangeBounds } from "./drill-down";
import { bucketLabel, errorRate, formatCount, formatMs, formatPercent } from "./format";
import { MetricSwitch, rememberInUrl } from "@/components/usage/metric-switch";

const METRICS: readonly { key: TimelineMetric; label: string }[] = [
  { key: "calls", label: "Calls" },
  { key: "credits", label: "Credits" },
  { key: "tokens", label: "Tokens" },
  { key: "images", label: "Images" },
  { key: "errorRate", label: "Error rate" },
  { key: "p50", label: "p50 latency" },
  { key: "p95", label: "p95 latency" },
];

function valueOf(p: PlatformPoint, metric: TimelineMetric): number | null {
  switch (metric) {
    case "tokens":
      return p.totalTokens;
    case "errorRate":
      return errorRate(p);
    case "p50":
      return p.p50Ms;
    case "p95":
      return p.p95Ms;
    default:
      return p[metric];
  }
}

const formatFor = (metric: TimelineMetric) => (metric === "errorRate" ? formatPercent : metric === "p50" || metric === "p95" ? formatMs : (v: number | null) => formatCount(v ?? 0));

const EMPTY = { calls: 0, failedCalls: 0, credits: 0, images: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, p50Ms: null, p95Ms: null };

type Props = { points: PlatformPoint[]; range: RangeBounds; unit: PlatformBucket; drill: DrillBase; initialMetric: TimelineMetric };

/** Every metric over time; a bar (or its row in the table below) opens the records of its bucket. */
export function TimelineChart({ points, range, unit, drill, initialMetric }: Props) {
  const router = useRouter();
  const [metric, setMetric] = useState(initialMetric);
  const rows = useMemo(() => {
    const byBucket = new Map(points.map((p) => [p.bucket, p]));
    // The way back from the records returns to the metric shown now, not the one the page was loaded with.
    const back = new URLSearchParams(drill.back);
    back.set("metric", metric);
    const here = { ...drill, back: back.toString() };
    return range.buckets.map((bucket, i) => {
      const point: PlatformPoint = byBucket.get(bucket) ?? { ...EMPTY, bucket };
      return { point, label: bucketLabel(bucket, unit), href: recordsHref(here, bucketBounds(range, i), range.tz) };
    });
  }, [points, range, unit, drill, metric]);
  const data = rows.map((r, i) => ({ i, label: r.label, value: valueOf(r.point, metric) }));
  const format = formatFor(metric);
  const metricLabel = METRICS.find((m) => m.key === metric)!.label;
  const series: ChartSeries[] = [{ key: "value", label: metricLabel, color: CHART_COLORS[0] }];
  const drawn = data.filter((d) => d.value !== null);
  const peak = drawn.reduce<(typeof data)[number] | null>((best, d) => (best === null || d.value! > best.value! ? d : best), null);
  const summary = peak
    ? `${metricLabel} per ${unit} over ${rows.length} ${unit}s; highest ${format(peak.value)} (${peak.label}). The numbers, with links to the records of each ${unit}, are in the table below the chart.`
    : `${metricLabel} per ${unit}: no values in this range.`;

  return (
    <ChartPanel
      titleId="timeline-title"
      title={<>{metricLabel} per {unit}</>}
      actions={
        <MetricSwitch
          label="Timeline metric"
          options={METRICS}
          value={metric}
          onChange={(m) => {
            setMetric(m);
            rememberInUrl("metric", m);
          }}
        />
      }
    >
      <ChartContainer role="img" aria-label={summary} data-testid="timeline-chart">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeOpacity={0.3} />
          <XAxis dataKey="label" tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis tickLine={false} axisLine={false} width={56} tickFormatter={(v: number) => format(v)} />
          <Tooltip cursor={{ fillOpacity: 0.08 }} content={({ active, payload, label }) => <ChartTooltipContent active={active} payload={payload} label={label} series={series} format={(v) => format(v)} />} />
          <Bar dataKey="value" name={metricLabel} fill={CHART_COLORS[0]} isAnimationActive={false} cursor="pointer" onClick={(bar) => router.push(rows[(bar.payload as { i: number }).i]!.href)} />
        </BarChart>
      </ChartContainer>
      <ChartNumbers scroll="x">
          <table className="w-full text-left text-xs" data-testid="timeline-table">
            <caption className="sr-only">Every metric per {unit}; each {unit} links to its records</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">{unit[0]!.toUpperCase() + unit.slice(1)}</th>
                {METRICS.map((m) => (
                  <th key={m.key} scope="col" className="whitespace-nowrap py-1 pr-3 text-right font-medium">{m.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.point.bucket} className="border-t border-border">
                  <th scope="row" className="whitespace-nowrap py-1 pr-3 font-normal">
                    <Link href={r.href} className="underline decoration-muted-foreground/40 underline-offset-4 hover:decoration-foreground" aria-label={`Records of ${r.label}`}>
                      {r.label}
                    </Link>
                  </th>
                  {METRICS.map((m) => (
                    <td key={m.key} className="whitespace-nowrap py-1 pr-3 text-right font-mono tabular-nums">{formatFor(m.key)(valueOf(r.point, m.key))}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
      </ChartNumbers>
    </ChartPanel>
  );
}
