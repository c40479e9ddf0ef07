import { ArrowLeft, SearchX } from "lucide-react";
import Link from "next/link";
import { RecordsTable } from "@/components/admin/usage/records-table";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeZoneSync } from "@/components/usage/time-zone-sync";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";
import { dashboardHref, dashboardSearchSchema, firstValues, NO_KEY, recordsSearchSchema, toQuery, type SeriesExclusion } from "@/lib/platform-usage/dashboard-search";
import { labelPlatformSeries } from "@/lib/platform-usage/label-platform-series";
import { listPlatformUsageRecords } from "@/lib/platform-usage/list-platform-usage-records";

export const metadata = { title: "Usage records" };

const PLURAL: Record<SeriesExclusion["by"], string> = { workspace: "workspaces", user: "members", key: "API keys", model: "models", source: "sources", status: "statuses" };

/** "A, B and C" */
function listInWords(names: string[]): string {
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** What an "Other" slice leaves out, in words: "Other workspaces than Team 1 and Team 2". */
function otherInWords(except: SeriesExclusion, names: string[]): string {
  const words = `Other ${PLURAL[except.by]} than ${listInWords(names)}`;
  // Calls without a key are none of the keys named: say they are in, unless "none" is among what is left out.
  return except.by === "key" && !except.values.includes(NO_KEY) ? `${words}, and studio calls without a key` : words;
}

export default async function Page({ searchParams }: PageProps<"/admin/usage/records">) {
  const admin = await requirePlatformAdminPage();
  const params = await searchParams;
  // `not` repeats (one per series an "Other" link leaves out): it goes in as the list Next gives.
  const search = recordsSearchSchema.parse({ ...firstValues(params), not: params.not });
  const query = { from: search.from, to: search.to, workspaceId: search.workspace, userId: search.user, apiKeyId: search.key, model: search.model, source: search.source, status: search.status, except: search.except };
  // A bad "other than" list lists nothing: without it the page would show the whole slice as if it were the rest.
  const [page, exceptNames] = search.exceptError
    ? [{ rows: [], nextCursor: null }, []]
    : await Promise.all([
        listPlatformUsageRecords(admin, query, search.cursor ?? null, 50),
        search.except ? labelPlatformSeries(admin, search.except.by, search.except.values) : Promise.resolve([]),
      ]);

  // The way back: the dashboard's query as it came, re-read by the dashboard's own schema (so it carries nothing else).
  const backHref = dashboardHref(dashboardSearchSchema.parse(Object.fromEntries(new URLSearchParams(search.back ?? `tz=${search.tz}`))));
  const slice = {
    from: search.from, to: search.to, tz: search.tz, workspace: search.workspace, user: search.user, key: search.key, model: search.model, source: search.source, status: search.status,
    other: search.except?.by, not: search.except?.values, back: search.back,
  };
  const here = `/admin/usage/records?${toQuery(slice)}`;
  const when = new Intl.DateTimeFormat("en-US", { timeZone: search.tz, dateStyle: "medium", timeStyle: "short" });
  const first = page.rows[0];
  // What the slice is, in words; names come from the rows when there are any (the ids otherwise).
  const facets = [
    search.workspace ? ["Workspace", first?.workspaceName ?? search.workspace] : null,
    search.user ? ["Member", first?.userLabel ?? search.user] : null,
    search.key ? ["API key", search.key === NO_KEY ? "none (studio)" : (first?.keyName ?? search.key)] : null,
    search.model ? ["Model", search.model] : null,
    search.source ? ["Source", search.source === "api" ? "API" : "Studio"] : null,
    search.status ? ["Status", search.status] : null,
    search.except ? ["Other than", listInWords(exceptNames)] : null,
  ].filter((f): f is [string, string] => f !== null);
  const span = `from ${when.format(search.from)} to ${when.format(search.to)}`;
  const title = search.except ? `${otherInWords(search.except, exceptNames)} ${span}` : `${facets.length || search.exceptError ? "Records" : "All records"} ${span}`;

  return (
    <>
      <TimeZoneSync current={search.tz} />
      <Link href={backHref} className="mb-3 gap-1 text-sm text-primary underline-offset-4 hover:underline">
        <ArrowLeft className="size-4" aria-hidden /> Back to the usage dashboard
      </Link>
      <PageHeader title="Usage records" description="The records behind a bar or a row of the dashboard, newest first." />
      <section aria-labelledby="slice-title" className="mb-6 rounded-xl border border-border bg-card p-4 text-sm">
        <h2 id="slice-title" className="mb-3 text-base font-semibold" data-testid="records-slice-title">{title}</h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]" data-testid="records-slice">
          <dt className="text-muted-foreground">Time</dt>
          <dd>
            <time dateTime={search.from.toISOString()}>{when.format(search.from)}</time> up to <time dateTime={search.to.toISOString()}>{when.format(search.to)}</time> ({search.tz})
            {search.defaulted ? <span className="text-muted-foreground"> — the last 24 hours, since the link named no valid slice</span> : null}
          </dd>
          {facets.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-muted-foreground">{name}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      {search.exceptError ? (
        <Alert variant="destructive" className="mb-6">
          {search.exceptError} <Link href={backHref} className="underline underline-offset-4">Back to the dashboard</Link>
        </Alert>
      ) : page.rows.length === 0 ? (
        <EmptyState
          icon={SearchX}
          title={search.cursor ? "No older records" : "No records in this slice"}
          action={
            <Button asChild variant="outline">
              <Link href={search.cursor ? here : backHref}>{search.cursor ? "Back to the newest" : "Back to the dashboard"}</Link>
            </Button>
          }
        >
          Only finished calls count on the dashboard; a slice without any lists nothing.
        </EmptyState>
      ) : (
        <RecordsTable
          rows={page.rows}
          timeZone={search.tz}
          newestHref={search.cursor ? here : null}
          olderHref={page.nextCursor ? `${here}&${toQuery({ cursor: page.nextCursor })}` : null}
        />
      )}
    </>
  );
}
