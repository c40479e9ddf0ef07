import { formatCount, USAGE_METRICS, type UsageMetric } from "./usage-metrics";

/** The range's totals of every metric, summed from the same rollup rows the chart shows. */
export function UsageTotals({ totals, failed }: { totals: Record<UsageMetric, number>; failed: number }) {
  return (
    <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
      {USAGE_METRICS.map((m) => (
        <div key={m.key} className="min-w-0 rounded-xl border border-border bg-card p-4">
          <dt className="text-xs font-medium text-muted-foreground">{m.label}</dt>
          <dd className="mt-1 truncate font-mono text-xl font-semibold tabular-nums" data-testid={`usage-total-${m.key}`}>
            {formatCount(totals[m.key])}
          </dd>
          {m.key === "calls" && failed ? <dd className="text-xs text-muted-foreground">{formatCount(failed)} failed or cancelled</dd> : null}
        </div>
      ))}
    </dl>
  );
}
