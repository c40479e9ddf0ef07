import Link from "next/link";
import { ScrollText } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { auditLogFilterSchema } from "@/lib/admin/audit-log-filters";
import { listAuditLog } from "@/lib/admin/list-audit-log";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";

export const metadata = { title: "Audit log" };

const FIELDS = ["actor", "workspace", "action", "from", "to"] as const;
const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19) + " UTC";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdminPage();
  const query = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditLogFilterSchema.safeParse(query);
  const errors: Record<string, string[]> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  const { rows, next } = parsed.success ? await listAuditLog(parsed.data) : { rows: [], next: null };
  const kept = new URLSearchParams(FIELDS.flatMap((f) => (typeof query[f] === "string" && query[f] ? [[f, query[f]]] : [])));
  const value = (f: (typeof FIELDS)[number]) => (typeof query[f] === "string" ? query[f] : "");

  return (
    <>
      <PageHeader title="Audit log" description="Everything admins and account holders changed, newest first. Times are UTC." />
      <form className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Filter the audit log">
        <FormField name="actor" label="Actor (email)" type="email" defaultValue={value("actor")} errors={errors.actor} />
        <FormField name="workspace" label="Workspace (slug)" defaultValue={value("workspace")} errors={errors.workspace} />
        <FormField name="action" label="Action" placeholder="e.g. credits." hint="Matches the start: credits. finds grants and deductions." defaultValue={value("action")} errors={errors.action} />
        <FormField name="from" label="From (UTC)" type="datetime-local" defaultValue={value("from")} errors={errors.from} />
        <FormField name="to" label="Before (UTC)" type="datetime-local" defaultValue={value("to")} errors={errors.to} />
        <div className="flex items-end gap-2">
          <Button type="submit">Filter</Button>
          <Button asChild variant="outline">
            <Link href="/admin/audit">Clear</Link>
          </Button>
        </div>
      </form>
      {!parsed.success ? <Alert variant="destructive" className="mb-4">Please correct the filters above.</Alert> : null}
      {rows.length === 0 ? (
        parsed.success ? (
          <EmptyState icon={ScrollText} title="No entries">
            Nothing in the audit log matches these filters.
          </EmptyState>
        ) : null
      ) : (
        <Table>
          <caption className="sr-only">Audit log entries, newest first</caption>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Actor</TableHead>
              <TableHead>Workspace</TableHead>
              <TableHead>Details</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell className="whitespace-nowrap">{when(r.createdAt)}</TableCell>
                <TableCell className="font-mono text-xs">{r.action}</TableCell>
                <TableCell>{r.actorEmail ?? <span className="text-muted-foreground">system</span>}</TableCell>
                <TableCell className="font-mono text-xs">{r.workspaceSlug ?? ""}</TableCell>
                <TableCell className="max-w-96 break-words font-mono text-xs">
                  {[r.target, r.data ? JSON.stringify(r.data) : null].filter(Boolean).join(" ")}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {next ? (
        <div className="mt-4">
          <Button asChild variant="outline">
            <Link href={`/admin/audit?${new URLSearchParams([...kept, ["cursor", next]]).toString()}`}>Older entries</Link>
          </Button>
        </div>
      ) : null}
    </>
  );
}
