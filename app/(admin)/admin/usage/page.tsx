import { BarChart3 } from "lucide-react";
import Link from "next/link";
import { BreakdownChart } from "@/components/admin/usage/breakdown-chart";
import { BreakdownSection } from "@/components/admin/usage/breakdown-section";
import { DashboardControls } from "@/components/admin/usage/dashboard-controls";
import type { DrillBase, RangeBounds } from "@/components/admin/usage/drill-down";
import { KpiTiles } from "@/components/admin/usage/kpi-tiles";
import { refusable } from "@/components/admin/usage/refusable";
import { TimelineChart } from "@/components/admin/usage/timeline-chart";
import { TopSpenders } from "@/components/admin/usage/top-spenders";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeZoneSync } from "@/components/usage/time-zone-sync";
import { listAdminModels } from "@/lib/admin/list-admin-models";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";
import { searchWorkspaces } from "@/lib/admin/search-workspaces";
import { isUuid } from "@/lib/db/is-uuid";
import { dashboardHref, dashboardSearchSchema, firstValues } from "@/lib/platform-usage/dashboard-search";
import { getPlatformBreakdown } from "@/lib/platform-usage/get-platform-breakdown";
import { getPlatformTimeline } from "@/lib/platform-usage/get-platform-timeline";
import { getPlatformTotals } from "@/lib/platform-usage/get-platform-totals";
import { listTopSpenders } from "@/lib/platform-usage/list-top-spenders";
import { resolvePlatformRange } from "@/lib/platform-usage/resolve-platform-range";
import type { PlatformFilters } from "@/lib/platform-usage/types";

export const metadata = { title: "Usage" };

const BY_LABEL = { workspace: "workspace", member: "member", model: "model", key: "API key", source: "source", status: "status" } as const;
const RANGE_TEXT = { "24h": "the last 24 hours", "7d": "the last 7 days", "30d": "the last 30 days", "90d": "the last 90 days", "12m": "the last 12 months" } as const;

/** A workspace named by id (links) or slug (people): its id, or null when no workspace has that slug. */
async function workspaceIdFor(value: string): Promise<string | null> {
  if (isUuid(value)) return value;
  return (await searchWorkspaces(value, 20)).find((w) => w.slug === value)?.id ?? null;
}

export default async function Page({ searchParams }: PageProps<"/admin/usage">) {
  const admin = await requirePlatformAdminPage();
  const search = dashboardSearchSchema.parse(firstValues(await searchParams));
  const [workspaceId, catalog] = await Promise.all([search.workspace ? workspaceIdFor(search.workspace) : undefined, listAdminModels()]);
  const workspaceError = search.workspace && !workspaceId ? `No workspace has the slug “${search.workspace}”.` : null;
  const filters: PlatformFilters = { workspaceId: workspaceId ?? undefined, model: search.model, source: search.source, status: search.status };
  const range = await resolvePlatformRange(admin, { preset: search.range, from: search.from, to: search.to, tz: search.tz, bucket: search.bucket });
  const refused = { ok: false, message: "" } as const;
  const [totals, timeline, breakdown, topWorkspaces, topMembers] = workspaceError
    ? [refused, refused, refused, refused, refused]
    : await Promise.all([
        refusable(getPlatformTotals(admin, range, filters)),
        refusable(getPlatformTimeline(admin, range, filters)),
        refusable(getPlatformBreakdown(admin, range, filters, search.by, 5)),
        refusable(listTopSpenders(admin, range, filters, "workspace", 10)),
        refusable(listTopSpenders(admin, range, filters, "member", 10)),
      ]);

  const bounds: RangeBounds = { from: range.from.toISOString(), to: range.to.toISOString(), tz: range.tz, buckets: range.buckets };
  const drill: DrillBase = { filters, back: dashboardHref(search).split("?")[1] ?? "" };
  const when = new Intl.DateTimeFormat("en-US", { timeZone: range.tz, dateStyle: "medium", timeStyle: "short" });
  const rangeText = search.range ? RANGE_TEXT[search.range] : `${search.from} to ${search.to}`;

  return (
    <>
      <TimeZoneSync current={search.tz} />
      <PageHeader
        title="Usage"
        description={
          <>
            Every workspace&apos;s calls, credits, tokens and images over {rangeText} ({when.format(range.from)} – {when.format(range.to)}, {range.tz}). A bar or a row opens the records behind it.
          </>
        }
      />
      <DashboardControls search={search} models={catalog.map((m) => m.id)} workspaceError={workspaceError} />
      {workspaceError ? null : !totals.ok || !timeline.ok ? (
        <Alert variant="destructive">{totals.ok ? (timeline.ok ? "" : timeline.message) : totals.message}</Alert>
      ) : totals.value.calls === 0 ? (
        <EmptyState
          icon={BarChart3}
          title="No usage in this range"
          action={
            <Button asChild variant="outline">
              <Link href={dashboardHref({ tz: search.tz, range: "12m" })}>Show the last 12 months</Link>
            </Button>
          }
        >
          Finished calls and edits appear here with what they cost, counted from the rollups{filters.workspaceId || filters.model || filters.source || filters.status ? "; the filters above narrow them" : ""}.
        </EmptyState>
      ) : (
        <div className="grid min-w-0 gap-6">
          <KpiTiles totals={totals.value} />
          <TimelineChart points={timeline.value} range={bounds} unit={range.bucket} drill={drill} initialMetric={search.metric} />
          <BreakdownSection search={search} result={breakdown.ok ? breakdown.value : null} refusal={breakdown.ok ? null : breakdown.message} byLabel={BY_LABEL[search.by]} range={bounds} drill={drill}>
            {breakdown.ok ? <BreakdownChart result={breakdown.value} by={search.by} byLabel={BY_LABEL[search.by]} range={bounds} unit={range.bucket} drill={drill} /> : null}
          </BreakdownSection>
          <TopSpenders workspaces={topWorkspaces} members={topMembers} range={bounds} drill={drill} />
          <p className="text-xs text-muted-foreground">
            Times and buckets in {range.tz}; in a zone offset by a part of an hour, each bucket starts at the first whole hour after its local start. Charts count finished calls; the error rate is failed or cancelled calls over all finished calls.
            {filters.workspaceId && (filters.model || filters.source)
              ? " Latency percentiles are kept platform-wide, by model, source, status and workspace, not for a workspace's model or source: clear those filters to see this workspace's."
              : null}
          </p>
        </div>
      )}
    </>
  );
}
