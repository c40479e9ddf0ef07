import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { AdjustCreditsForm } from "@/components/admin/adjust-credits-form";
import { LedgerTable } from "@/components/admin/ledger-table";
import { NoteActionForm } from "@/components/admin/note-action-form";
import { SuspendWorkspaceForm } from "@/components/admin/suspend-workspace-form";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { refundUsageAction } from "@/lib/actions/admin/refund-usage";
import { releaseHoldAction } from "@/lib/actions/admin/release-hold";
import { getWorkspaceBooks } from "@/lib/admin/get-workspace-books";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";

export const metadata = { title: "Workspace credits" };

const n = (v: number) => v.toLocaleString("en-US");
const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19) + " UTC";

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  await requirePlatformAdminPage();
  const books = await getWorkspaceBooks((await params).slug);
  if (!books) notFound();
  const { workspace, holds, ledger, usage } = books;
  return (
    <>
      <PageHeader title={workspace.name} description={<span className="font-mono">{workspace.slug}</span>} />
      <dl className="mb-6 grid grid-cols-3 gap-3 text-sm" aria-label="Credits">
        {[["Balance", workspace.balance], ["Held", workspace.held], ["Available", workspace.balance - workspace.held]].map(([label, value]) => (
          <div key={label} className="rounded-xl border border-border p-3">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid={`credits-${String(label).toLowerCase()}`}>{n(Number(value))}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <h2 className="text-lg font-semibold">Grant or deduct credits</h2>
            <CardDescription>Written to the ledger and the audit log with your note.</CardDescription>
          </CardHeader>
          <CardContent>
            <AdjustCreditsForm workspaceId={workspace.id} opId={randomUUID()} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <h2 className="text-lg font-semibold">{workspace.suspended ? "Suspended" : "Suspend"}</h2>
            <CardDescription>
              {workspace.suspended
                ? `Reason shown to members: ${workspace.suspendedReason ?? "none given"}`
                : "Its API keys get 403 workspace_suspended and its studio turns read-only, with your reason on a banner."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SuspendWorkspaceForm workspaceId={workspace.id} suspended={workspace.suspended} />
          </CardContent>
        </Card>

        <section aria-labelledby="holds-title" className="grid gap-3">
          <h2 id="holds-title" className="text-lg font-semibold">Open holds ({holds.length})</h2>
          {holds.length === 0 ? (
            <p className="text-sm text-muted-foreground">No call is holding credits right now.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="text-right">Credits</TableHead>
                  <TableHead>Placed</TableHead>
                  <TableHead>Last heartbeat</TableHead>
                  <TableHead>Release (nothing charged)</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {holds.map((h) => (
                  <TableRow key={h.id}>
                    <TableCell className="text-right tabular-nums">{n(h.amount)}</TableCell>
                    <TableCell className="whitespace-nowrap">{when(h.createdAt)}</TableCell>
                    <TableCell className="whitespace-nowrap">{when(h.heartbeatAt)}</TableCell>
                    <TableCell>
                      <NoteActionForm action={releaseHoldAction} hidden={{ unverifiedHoldId: h.id }} id={h.id} submitLabel="Release hold" pendingLabel="Releasing…" />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>

        <section aria-labelledby="usage-title" className="grid gap-3">
          <h2 id="usage-title" className="text-lg font-semibold">Recent charged calls</h2>
          {usage.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing has been charged yet.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>When</TableHead>
                  <TableHead>Model</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="text-right">Credits</TableHead>
                  <TableHead>Refund</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {usage.map((u) => (
                  <TableRow key={u.id}>
                    <TableCell className="whitespace-nowrap">{when(u.createdAt)}</TableCell>
                    <TableCell className="font-mono text-xs">{u.model}</TableCell>
                    <TableCell>{u.status}</TableCell>
                    <TableCell className="text-right tabular-nums">{n(u.credits)}</TableCell>
                    <TableCell>
                      {u.refunded ? (
                        <span className="text-muted-foreground">Refunded</span>
                      ) : (
                        <NoteActionForm action={refundUsageAction} hidden={{ unverifiedUsageRecordId: u.id }} id={u.id} submitLabel={`Refund ${n(u.credits)}`} pendingLabel="Refunding…" />
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>

        <section aria-labelledby="ledger-title" className="grid gap-3">
          <h2 id="ledger-title" className="text-lg font-semibold">Recent ledger entries</h2>
          <LedgerTable
            labelHeading="Kind"
            lines={ledger.map((e) => ({ key: e.id, at: e.createdAt, label: e.kind, amount: e.amount, note: e.note ?? (e.usageRecordId ? "refund" : "") }))}
          />
        </section>
      </div>
    </>
  );
}
