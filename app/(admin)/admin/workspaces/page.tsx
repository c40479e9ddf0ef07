import Link from "next/link";
import { Building2 } from "lucide-react";
import { AdminSearchForm } from "@/components/admin/admin-search-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { readSearchQuery } from "@/lib/admin/read-search-query";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";
import { searchWorkspaces } from "@/lib/admin/search-workspaces";

export const metadata = { title: "Workspaces" };

const n = (v: number) => v.toLocaleString("en-US");

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdminPage();
  const q = await readSearchQuery(searchParams, 100);
  const rows = await searchWorkspaces(q);
  return (
    <>
      <PageHeader title="Workspaces & credits" description="Search by slug or name, then open a workspace to see and change its books." />
      <AdminSearchForm id="workspace-search" label="Search workspaces" placeholder="slug or name" q={q} />
      {rows.length === 0 ? (
        <EmptyState icon={Building2} title="No workspaces match">
          {q ? <>Nothing has &ldquo;{q}&rdquo; in its slug or name.</> : "No workspace exists yet."}
        </EmptyState>
      ) : (
        <Table>
          <caption className="sr-only">Workspaces{q ? ` matching ${q}` : ""}, newest first (at most 50)</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Workspace</TableHead>
              <TableHead className="text-right">Balance</TableHead>
              <TableHead className="text-right">Held</TableHead>
              <TableHead>State</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((w) => (
              <TableRow key={w.id}>
                <TableCell>
                  <Link href={`/admin/workspaces/${w.slug}`} className="font-medium underline-offset-4 hover:underline">
                    {w.name}
                  </Link>
                  <span className="ml-2 font-mono text-xs text-muted-foreground">{w.slug}</span>
                </TableCell>
                <TableCell className="text-right tabular-nums">{n(w.balance)}</TableCell>
                <TableCell className="text-right tabular-nums">{n(w.held)}</TableCell>
                <TableCell>{w.suspended ? <Badge variant="destructive">suspended</Badge> : w.personal ? "personal" : "team"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
