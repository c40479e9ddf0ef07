import { BarChart3, SearchX } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { shapeUsageCharts } from "@/components/usage/shape-usage-chart";
import { TimeZoneSync } from "@/components/usage/time-zone-sync";
import { UsageChart } from "@/components/usage/usage-chart";
import { UsageControls } from "@/components/usage/usage-controls";
import { UsageTable } from "@/components/usage/usage-table";
import { UsageTotals } from "@/components/usage/usage-totals";
import { getUsageScope } from "@/lib/usage/get-usage-scope";
import { getUsageSeries } from "@/lib/usage/get-usage-series";
import { listUsageFilterOptions } from "@/lib/usage/list-usage-filter-options";
import { listUsageRecords } from "@/lib/usage/list-usage-records";
import { resolveUsageRange } from "@/lib/usage/resolve-usage-range";
import { firstValues, usageQuery, usageSearchSchema } from "@/lib/usage/schemas";
import { decodeKeysetCursor } from "@/lib/db/keyset-cursor";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";
import { notFound } from "next/navigation";

export const metadata = { title: "Usage" };

const BY_LABEL = { member: "member", model: "model", key: "API key" } as const;

export default async function Page({ params, searchParams }: PageProps<"/[workspace]/usage">) {
  const { workspace: slug } = await params;
  const { user } = await requireMemberWorkspace(slug);
  const scope = await getUsageScope({ userId: user.id }, slug);
  if (!scope) notFound();
  const search = usageSearchSchema.parse(firstValues(await searchParams));
  const viewAll = scope.onlyUserId === null;
  const range = await resolveUsageRange(search.range, search.tz, search.bucket);
  const cursor = search.cursor ? decodeKeysetCursor(search.cursor) : null;
  const [points, page, options] = await Promise.all([
    getUsageSeries(scope, search, range, search.bucket, search.by),
    listUsageRecords(scope, search, range, cursor),
    listUsageFilterOptions(scope),
  ]);

  const charts = shapeUsageCharts(points, range.buckets);
  const totals = { credits: charts.credits.total, calls: charts.calls.total, images: charts.images.total, tokens: charts.tokens.total };
  const base = `/${scope.slug}/usage`;
  const { cursor: _cursor, ...withoutCursor } = search;
  const query = usageQuery(withoutCursor);
  const exportHref = `/api/usage/export?${usageQuery({ ...withoutCursor, bucket: undefined, by: undefined })}&workspace=${encodeURIComponent(scope.slug)}`;
  const description = viewAll ? `Everyone's usage in ${scope.name}.` : `Your usage in ${scope.name}.`;
  const zoneNote = (
    <p className="mt-3 text-xs text-muted-foreground">
      Times and buckets in {search.tz}. Charts count finished calls (the status filter applies to the records only).
      {" "}In a zone offset by a part of an hour, each bucket starts at the first whole hour after its local midnight.
    </p>
  );

  return (
    <>
      <TimeZoneSync current={search.tz} />
      <PageHeader
        title="Usage"
        description={description}
        actions={
          <Button asChild variant="outline">
            <a href={exportHref} download>Export CSV</a>
          </Button>
        }
      />
      <UsageControls action={base} search={search} options={options} viewAll={viewAll} />
      {!points.length && !page.rows.length ? (
        <EmptyState
          icon={query.includes("member=") || search.model || search.key || search.status || search.source ? SearchX : BarChart3}
          title={cursor ? "No older records" : "No usage in this range"}
          action={
            <Button asChild variant="outline">
              <Link href={`${base}?range=12m&tz=${encodeURIComponent(search.tz)}`}>Show the last 12 months</Link>
            </Button>
          }
        >
          Every edit and API call appears here with the credits it cost, once it finishes.
        </EmptyState>
      ) : (
        <div className="grid min-w-0 gap-6">
          <div className="min-w-0">
            <UsageTotals totals={totals} failed={points.reduce((sum, p) => sum + p.failedCalls, 0)} />
            <UsageChart charts={charts} buckets={range.buckets} bucket={search.bucket} breakdownLabel={BY_LABEL[search.by]} />
            {zoneNote}
          </div>
          <UsageTable
            rows={page.rows}
            timeZone={search.tz}
            showMember={viewAll}
            newestHref={cursor ? `${base}?${query}` : null}
            olderHref={page.nextCursor ? `${base}?${usageQuery({ ...withoutCursor, cursor: page.nextCursor })}` : null}
          />
        </div>
      )}
    </>
  );
}
