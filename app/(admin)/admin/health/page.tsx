import Link from "next/link";
import { AdminForm } from "@/components/admin/admin-form";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { runMaintenanceJobAction } from "@/lib/actions/admin/run-maintenance-job";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";
import { getHealthPanel, type JobRunRow } from "@/lib/health/get-health-panel";
import { MAINTENANCE, MAINTENANCE_JOBS } from "@/lib/health/maintenance-jobs";
import { cn } from "@/lib/cn";

export const metadata = { title: "Health" };
export const dynamic = "force-dynamic";

const n = (v: number) => v.toLocaleString("en-US");
const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "never");
const ago = (d: Date, now: number) => {
  const minutes = Math.max(0, Math.round((now - d.getTime()) / 60_000));
  return minutes < 120 ? `${minutes} min ago` : minutes < 2880 ? `${Math.round(minutes / 60)} h ago` : `${Math.round(minutes / 1440)} days ago`;
};

function result(run: JobRunRow): string {
  if (run.finishedAt === null) return "running";
  if (run.error) return `failed: ${run.error}`;
  if (run.job === "ledger-check") {
    const drifted = Number(run.summary?.workspaces ?? 0);
    return run.ok ? "books balance" : `drift in ${n(drifted)} workspace${drifted === 1 ? "" : "s"}`;
  }
  const parts = Object.entries(run.summary ?? {}).filter(([k]) => !/Hours$|Days$/.test(k)).map(([k, v]) => `${k} ${n(Number(v))}`);
  return `removed ${n(run.removed)}${parts.length ? ` (${parts.join(", ")})` : ""}`;
}

export default async function Page() {
  await requirePlatformAdminPage();
  const panel = await getHealthPanel();
  const { now } = panel;
  const ledger = panel.runs["ledger-check"].find((r) => r.finishedAt !== null);
  const drift = (ledger?.summary?.drift ?? []) as Array<{ workspace: string; balance: number; expectedBalance: number; held: number; expectedHeld: number }>;

  return (
    <>
      <PageHeader title="Health" description="Scheduled checks and clean-ups (pg-boss cron, UTC), the edit queue and stuck holds." />
      <div className="grid gap-6">
        <section aria-labelledby="ledger-title" data-testid="ledger-panel" data-state={!ledger ? "unknown" : ledger.ok ? "ok" : "drift"}
          className={cn("grid gap-2 rounded-xl border p-4", !ledger ? "border-border" : ledger.ok ? "border-emerald-600/40 bg-emerald-600/5" : "border-destructive bg-destructive/10 text-destructive")}>
          <h2 id="ledger-title" className="text-lg font-semibold">Ledger</h2>
          {!ledger ? (
            <p className="text-sm text-muted-foreground">The ledger check has not run yet (every 10 minutes, or Run now below).</p>
          ) : ledger.ok ? (
            <p className="text-sm">Every balance agrees with the ledger (checked {ago(ledger.startedAt, now)}, {when(ledger.startedAt)}).</p>
          ) : (
            <>
              <p className="text-sm font-semibold" role="alert">
                Drift: {n(Number(ledger.summary?.workspaces ?? drift.length))} workspace(s) disagree with the ledger (checked {ago(ledger.startedAt, now)}).
              </p>
              <ul className="grid gap-1 text-sm">
                {drift.slice(0, 10).map((d) => (
                  <li key={d.workspace}>
                    <Link href={`/admin/workspaces/${d.workspace}`} className="font-mono underline underline-offset-4">{d.workspace}</Link>: balance {n(d.balance)}, ledger says{" "}
                    {n(d.expectedBalance)}; held {n(d.held)}, ledger says {n(d.expectedHeld)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <div className="grid gap-6 md:grid-cols-2">
          <Card>
            <CardHeader>
              <h2 className="text-lg font-semibold">Edit queue</h2>
              <CardDescription>Studio edits waiting for a worker and running now.</CardDescription>
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-3 gap-3 text-sm">
                <div><dt className="text-muted-foreground">Queued</dt><dd className="text-xl font-semibold tabular-nums" data-testid="queue-queued">{n(panel.queue.queued)}</dd></div>
                <div><dt className="text-muted-foreground">Running</dt><dd className="text-xl font-semibold tabular-nums">{n(panel.queue.running)}</dd></div>
                <div><dt className="text-muted-foreground">Oldest queued</dt><dd className="font-medium">{panel.queue.oldestQueuedAt ? ago(panel.queue.oldestQueuedAt, now) : "none"}</dd></div>
              </dl>
            </CardContent>
          </Card>
          <Card className={panel.holds.count > 0 ? "border-destructive" : undefined}>
            <CardHeader>
              <h2 className="text-lg font-semibold">Holds older than expected</h2>
              <CardDescription>
                Open for more than {Math.round(panel.holds.olderThanMs / 60_000)} minutes (the upstream deadline plus the sweeper&apos;s expiry), not waiting edits.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-2 text-sm">
              <p data-testid="stale-holds">{panel.holds.count === 0 ? "None." : `${n(panel.holds.count)}, the oldest placed ${ago(panel.holds.oldestAt!, now)}.`}</p>
              {panel.holds.oldest.length ? (
                <ul className="grid gap-1">
                  {panel.holds.oldest.map((h) => (
                    <li key={h.id}>
                      <Link href={`/admin/workspaces/${h.workspace}`} className="font-mono underline underline-offset-4">{h.workspace}</Link>: {n(h.amount)} credits since {when(h.createdAt)}, last heartbeat {ago(h.heartbeatAt, now)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </CardContent>
          </Card>
        </div>

        <section aria-labelledby="jobs-title" className="grid gap-3">
          <h2 id="jobs-title" className="text-lg font-semibold">Maintenance jobs</h2>
          {MAINTENANCE_JOBS.map((job) => {
            const runs = panel.runs[job];
            const last = runs[0];
            return (
              <Card key={job} data-testid={`job-${job}`}>
                <CardHeader>
                  <h3 className="font-semibold">{MAINTENANCE[job].title}</h3>
                  <CardDescription>{MAINTENANCE[job].describe}</CardDescription>
                </CardHeader>
                <CardContent className="grid gap-3">
                  {!last ? (
                    <p className="text-sm text-muted-foreground">Not run yet.</p>
                  ) : (
                    <Table>
                      <caption className="sr-only">Last runs of {MAINTENANCE[job].title}</caption>
                      <TableHeader>
                        <TableRow>
                          <TableHead>Started</TableHead>
                          <TableHead>Took</TableHead>
                          <TableHead>Result</TableHead>
                        </TableRow>
                      </TableHeader>
                      <TableBody>
                        {runs.map((r) => (
                          <TableRow key={r.id} className={r.ok === false ? "text-destructive" : undefined}>
                            <TableCell className="whitespace-nowrap">{when(r.startedAt)}</TableCell>
                            <TableCell className="whitespace-nowrap tabular-nums">{r.finishedAt ? `${n(r.finishedAt.getTime() - r.startedAt.getTime())} ms` : "…"}</TableCell>
                            <TableCell>{result(r)}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  )}
                  <AdminForm action={runMaintenanceJobAction} hidden={{ job }} submitLabel={`Run ${MAINTENANCE[job].title.toLowerCase()} now`} pendingLabel="Queueing…" />
                </CardContent>
              </Card>
            );
          })}
          {MAINTENANCE_JOBS.every((job) => panel.runs[job].length === 0) ? (
            <Alert>No maintenance job has run yet: they start with the app and run on their schedule.</Alert>
          ) : null}
        </section>
      </div>
    </>
  );
}
