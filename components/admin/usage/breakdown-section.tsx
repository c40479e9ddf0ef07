import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import type { DashboardSearch } from "@/lib/platform-usage/dashboard-search";
import type { PlatformBreakdown, PlatformBreakdownResult } from "@/lib/platform-usage/types";
import { BreakdownBySwitch } from "./breakdown-by-switch";
import { recordsHref, seriesFilter, type DrillBase, type RangeBounds } from "./drill-down";
import { SumsTable } from "./sums-table";

const BY_NAME: Record<PlatformBreakdown, string> = { workspace: "Workspace", member: "Member", model: "Model", key: "API key", source: "Source", status: "Status" };

const SUM_FIELDS = ["calls", "failedCalls", "credits", "images", "promptTokens", "completionTokens", "totalTokens"] as const;

function sumOther(result: PlatformBreakdownResult): PlatformBreakdownResult["totals"][number] {
  const other = { key: "other", label: "Other", calls: 0, failedCalls: 0, credits: 0, images: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  for (const p of result.points) if (p.key === "other") for (const f of SUM_FIELDS) other[f] += p[f];
  return other;
}

type Props = { search: DashboardSearch; result: PlatformBreakdownResult | null; refusal: string | null; byLabel: string; range: RangeBounds; drill: DrillBase; children: ReactNode };

/** The "by" switch (links: each breakdown is its own query), the chart, and each series' totals over the range. */
export function BreakdownSection({ search, result, refusal, byLabel, range, drill, children }: Props) {
  const whole = { from: new Date(range.from), to: new Date(range.to) };
  const totals = result ? [...result.totals] : [];
  // "Other" is the exact rest: when the totals leave it out, it is the sum of its points.
  if (result && !totals.some((t) => t.key === "other") && result.points.some((p) => p.key === "other")) totals.push(sumOther(result));
  const top = result ? result.series.map((s) => s.key) : [];
  const rows = totals.map((t) => {
    const filter = seriesFilter(search.by, t.key, top);
    return { ...t, label: t.key === "other" ? "Other" : t.label, href: filter ? recordsHref(drill, whole, range.tz, filter) : null };
  });
  return (
    <div className="grid min-w-0 gap-4">
      <BreakdownBySwitch current={search.by} />
      {refusal ? <Alert>{refusal}</Alert> : null}
      {children}
      {result ? (
        <section aria-labelledby="breakdown-totals-title" className="min-w-0">
          <h2 id="breakdown-totals-title" className="mb-3 text-base font-semibold">
            Totals by {byLabel}
          </h2>
          <SumsTable rows={rows} nameHeader={BY_NAME[search.by]} caption={`Totals by ${byLabel} over the range; each links to its records`} testId="breakdown-totals" />
        </section>
      ) : null}
    </div>
  );
}
