import type { PlatformTotals } from "@/lib/platform-usage/types";
import { errorRate, formatCount, formatMs, formatPercent } from "./format";

const TILES: { key: string; label: string; value: (t: PlatformTotals) => string; note?: (t: PlatformTotals) => string | null }[] = [
  { key: "calls", label: "Calls", value: (t) => formatCount(t.calls), note: (t) => (t.failedCalls ? `${formatCount(t.failedCalls)} failed or cancelled` : null) },
  { key: "credits", label: "Credits charged", value: (t) => formatCount(t.credits) },
  { key: "prompt-tokens", label: "Prompt tokens", value: (t) => formatCount(t.promptTokens) },
  { key: "completion-tokens", label: "Completion tokens", value: (t) => formatCount(t.completionTokens) },
  { key: "total-tokens", label: "Total tokens", value: (t) => formatCount(t.totalTokens) },
  { key: "images", label: "Images", value: (t) => formatCount(t.images) },
  { key: "error-rate", label: "Error rate", value: (t) => formatPercent(errorRate(t)) },
  { key: "latency", label: "Latency p50 / p95", value: (t) => `${formatMs(t.p50Ms)} / ${formatMs(t.p95Ms)}` },
];

/** The range's totals, each a tile; `compact` for the overview page (fewer tiles). */
export function KpiTiles({ totals, compact = false, label = "Totals for the range" }: { totals: PlatformTotals; compact?: boolean; label?: string }) {
  const tiles = compact ? TILES.filter((t) => ["calls", "credits", "total-tokens", "error-rate"].includes(t.key)) : TILES;
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {tiles.map((tile) => {
        const note = tile.note?.(totals);
        return (
          <div key={tile.key} className="min-w-0 rounded-xl border border-border bg-card p-4">
            <dt className="text-xs font-medium text-muted-foreground">{tile.label}</dt>
            <dd className="mt-1 break-words font-mono text-lg font-semibold tabular-nums sm:text-xl" data-testid={`kpi-${tile.key}`}>
              {tile.value(totals)}
            </dd>
            {note ? <dd className="text-xs text-muted-foreground">{note}</dd> : null}
          </div>
        );
      })}
    </dl>
  );
}
