"use client";

import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS, ChartContainer, ChartLegend, ChartNumbers, ChartPanel, ChartTooltipContent, type ChartSeries } from "@/components/ui/chart";
import { MetricSwitch } from "./metric-switch";
import type { ShapedCharts } from "./shape-usage-chart";
import { bucketLabel, formatCount, USAGE_METRICS, type UsageMetric } from "./usage-metrics";

type Props = { charts: ShapedCharts; buckets: string[]; bucket: "day" | "week" | "month"; breakdownLabel: string };

export function UsageChart({ charts, buckets, bucket, breakdownLabel }: Props) {
  const [metric, setMetric] = useState<UsageMetric>("credits");
  const { series, data, total } = useMemo(() => {
    const chart = charts[metric];
    const series: ChartSeries[] = chart.series.map((s, i) => ({ key: `s${i}`, label: s.label, color: CHART_COLORS[s.color]! }));
    const data = buckets.map((day, b) => ({
      day,
      label: bucketLabel(day, bucket),
      ...Object.fromEntries(series.map((s, i) => [s.key, chart.values[b]![i]!])),
    })) as Record<string, number | string>[];
    return { series, data, total: chart.total };
  }, [charts, buckets, bucket, metric]);
  const metricLabel = USAGE_METRICS.find((m) => m.key === metric)!.label;

  return (
    <ChartPanel
      titleId="usage-chart-title"
      title={<>{metricLabel} per {bucket}, by {breakdownLabel}</>}
      actions={
        <MetricSwitch label="Metric" options={USAGE_METRICS} value={metric} onChange={setMetric} />
      }
    >
      <ChartContainer role="img" aria-label={`${metricLabel} per ${bucket}: ${formatCount(total)} in total over ${buckets.length} ${bucket}s. The numbers are in the table below the chart.`}>
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeOpacity={0.3} />
          <XAxis dataKey="label" tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis tickLine={false} axisLine={false} width={48} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
          <Tooltip cursor={{ fillOpacity: 0.08 }} content={({ active, payload, label }) => <ChartTooltipContent active={active} payload={payload} label={label} series={series} format={formatCount} />} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="usage" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartContainer>
      <ChartLegend series={series} />
      <ChartNumbers scroll="both">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{metricLabel} per {bucket}, by {breakdownLabel}</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">{bucket[0]!.toUpperCase() + bucket.slice(1)}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="py-1 pr-3 font-medium">{s.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={String(row.day)} className="border-t border-border">
                  <th scope="row" className="py-1 pr-3 font-normal">{String(row.label)}</th>
                  {series.map((s) => (
                    <td key={s.key} className="py-1 pr-3 font-mono tabular-nums">{formatCount(Number(row[s.key]))}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
      </ChartNumbers>
    </ChartPanel>
  );
}
