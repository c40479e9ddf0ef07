import Link from "next/link";
import { notFound } from "next/navigation";
import { LedgerTable } from "@/components/admin/ledger-table";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getWorkspaceStatement } from "@/lib/admin/get-workspace-statement";
import { reconcileStatement } from "@/lib/admin/reconcile-statement";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";
import { statementSchema } from "@/lib/billing/schemas";
import { cn } from "@/lib/cn";

export const metadata = { title: "Statement" };

const n = (v: number) => v.toLocaleString("en-US");
const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1 + by, 1)).toISOString().slice(0, 7);
};

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdminPage();
  const query = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = statementSchema.safeParse(query);
  if (!parsed.success) {
    return (
      <>
        <PageHeader title="Statement" />
        <Alert variant="destructive">{parsed.error.issues.map((i) => i.message).join(". ")}.</Alert>
        <p className="mt-4 text-sm">
          <Link href="/admin/billing" className="underline underline-offset-4">Back to billing</Link>
        </p>
      </>
    );
  }
  const statement = await getWorkspaceStatement(parsed.data.workspace, parsed.data.period);
  if (!statement) notFound();
  const { workspace, period, models, ledger, booked } = statement;
  const checks = reconcileStatement(statement);
  const balanced = checks.every((c) => c.ok);
  const total = (pick: (m: (typeof models)[number]) => number) => models.reduce((s, m) => s + pick(m), 0);
  const range = period.month ? `month=${period.month}` : `from=${query.from}&to=${query.to}`;
  const base = `/admin/billing/statement?workspace=${workspace.slug}`;

  return (
    <>
      <PageHeader
        title={`Statement · ${workspace.name}`}
        description={
          <>
            <span className="font-mono">{workspace.slug}</span> · {period.since.toISOString().slice(0, 10)} to{" "}
            {new Date(period.until.getTime() - 1).toISOString().slice(0, 10)} (UTC)
          </>
        }
        actions={
          <nav aria-label="Statement period and downloads" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {period.month ? (
              <>
                <Link href={`${base}&month=${shiftMonth(period.month, -1)}`} className="underline underline-offset-4">Previous month</Link>
                <Link href={`${base}&month=${shiftMonth(period.month, 1)}`} className="underline underline-offset-4">Next month</Link>
              </>
            ) : null}
            <a href={`/admin/billing/export?workspace=${workspace.slug}&${range}&format=csv`} className="underline underline-offset-4">Records (CSV)</a>
            <a href={`/admin/billing/export?workspace=${workspace.slug}&${range}&format=json`} className="underline underline-offset-4">Records (JSON)</a>
            <Link href={`/admin/workspaces/${workspace.slug}`} className="underline underline-offset-4">Credits</Link>
          </nav>
        }
      />
      <div className="grid gap-8">
        <section aria-labelledby="models-title" className="grid gap-3">
          <h2 id="models-title" className="text-lg font-semibold">Calls per model</h2>
          <p className="text-sm text-muted-foreground">
            Calls made in the period that have finished.{" "}
            {statement.pendingCalls > 0 ? `${n(statement.pendingCalls)} more are still running and are not charged yet.` : null}
          </p>
          {models.length === 0 ? (
            <p className="text-sm text-muted-foreground">No calls in this period.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Model</TableHead>
                  <TableHead className="text-right">Calls</TableHead>
                  <TableHead className="text-right">Failed</TableHead>
                  <TableHead className="text-right">Prompt tokens</TableHead>
                  <TableHead className="text-right">Completion tokens</TableHead>
                  <TableHead className="text-right">Total tokens</TableHead>
                  <TableHead className="text-right">Images</TableHead>
                  <TableHead className="text-right">Credits</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {models.map((m) => (
                  <TableRow key={m.model}>
                    <TableCell className="font-mono text-xs">{m.model}</TableCell>
                    <TableCell className="text-right tabular-nums">{n(m.calls)}</TableCell>
                    <TableCell className="text-right tabular-nums">{n(m.failedCalls)}</TableCell>
                    <TableCell className="text-right tabular-nums">{n(m.promptTokens)}</TableCell>
                    <TableCell className="text-right tabular-nums">{n(m.completionTokens)}</TableCell>
                    <TableCell className="text-right tabular-nums">{n(m.totalTokens)}</TableCell>
                    <TableCell className="text-right tabular-nums">{n(m.images)}</TableCell>
                    <TableCell className="text-right tabular-nums">{n(m.credits)}</TableCell>
                  </TableRow>
                ))}
                <TableRow className="font-semibold">
                  <TableCell>Total</TableCell>
                  <TableCell className="text-right tabular-nums">{n(total((m) => m.calls))}</TableCell>
                  <TableCell className="text-right tabular-nums">{n(total((m) => m.failedCalls))}</TableCell>
                  <TableCell className="text-right tabular-nums">{n(total((m) => m.promptTokens))}</TableCell>
                  <TableCell className="text-right tabular-nums">{n(total((m) => m.completionTokens))}</TableCell>
                  <TableCell className="text-right tabular-nums">{n(total((m) => m.totalTokens))}</TableCell>
                  <TableCell className="text-right tabular-nums">{n(total((m) => m.images))}</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="statement-credits">{n(total((m) => m.credits))}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
          )}
        </section>

        <section aria-labelledby="ledger-title" className="grid gap-3">
          <h2 id="ledger-title" className="text-lg font-semibold">Ledger</h2>
          <LedgerTable
            labelHeading="Line"
            caption="Ledger lines booked in the period"
            wrapNotes
            lines={[
              { key: "opening", at: period.since, label: "Opening balance", amount: statement.opening },
              ...ledger.map((l) => ({
                key: l.id,
                at: l.createdAt,
                label: l.kind === "grant" ? "Grant" : l.usageRecordId ? `Refund (${l.refundedModel ?? "call"})` : l.amount < 0 ? "Deduction" : "Adjustment",
                amount: l.amount,
                note: l.note,
              })),
              { key: "charges", label: `Charges (${n(booked.chargeEntries)} calls)`, amount: -booked.charges, note: "Booked in the period, one entry per charged call", noteMuted: true },
              { key: "closing", at: period.until, label: "Closing balance", amount: statement.closing, total: true, amountTestId: "statement-closing" },
            ]}
          />
          {ledger.length === 500 ? <p className="text-sm text-muted-foreground">The first 500 grants and adjustments are listed; the totals count them all.</p> : null}
        </section>

        <section aria-labelledby="reconcile-title" className="grid gap-3">
          <h2 id="reconcile-title" className="text-lg font-semibold">Reconciliation with the ledger</h2>
          <p role="status" className={cn("text-sm font-medium", balanced ? "text-emerald-700 dark:text-emerald-400" : "text-destructive")}>
            {balanced ? "Every line agrees with the ledger to the credit." : "Mismatch: the lines in red disagree with the ledger. Run ledger:check and look at the health panel."}
          </p>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Check</TableHead>
                <TableHead className="text-right">Statement</TableHead>
                <TableHead className="text-right">Ledger</TableHead>
                <TableHead>Result</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {checks.map((c) => (
                <TableRow key={c.label} className={c.ok ? undefined : "bg-destructive/10 text-destructive"} data-testid={c.ok ? "check-ok" : "check-mismatch"}>
                  <TableCell>{c.label}</TableCell>
                  <TableCell className="text-right tabular-nums">{n(c.statement)}</TableCell>
                  <TableCell className="text-right tabular-nums">{n(c.ledger)}</TableCell>
                  <TableCell className="font-medium">{c.ok ? "Agrees" : `Off by ${n(c.statement - c.ledger)}`}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      </div>
    </>
  );
}
