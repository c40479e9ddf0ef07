import { Users } from "lucide-react";
import { AdminForm } from "@/components/admin/admin-form";
import { AdminSearchForm } from "@/components/admin/admin-search-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { setPlatformAdminAction } from "@/lib/actions/admin/set-platform-admin";
import { setUserDisabledAction } from "@/lib/actions/admin/set-user-disabled";
import { readSearchQuery } from "@/lib/admin/read-search-query";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";
import { searchUsers } from "@/lib/admin/search-users";

export const metadata = { title: "Users" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdminPage();
  const q = await readSearchQuery(searchParams, 320);
  const rows = await searchUsers(q);
  return (
    <>
      <PageHeader title="Users" description="Disable an account (its sessions and API keys stop at once) or change who is a platform admin." />
      <AdminSearchForm id="user-search" label="Search users" placeholder="email or name" q={q} />
      {rows.length === 0 ? (
        <EmptyState icon={Users} title="No users match">
          {q ? <>Nobody has &ldquo;{q}&rdquo; in their email or name.</> : "No one has signed up yet."}
        </EmptyState>
      ) : (
        <Table>
          <caption className="sr-only">Users{q ? ` matching ${q}` : ""}, newest first (at most 50)</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Person</TableHead>
              <TableHead>State</TableHead>
              <TableHead>Access</TableHead>
              <TableHead>Platform admin</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((u) => (
              <TableRow key={u.id}>
                <TableCell>
                  <span className="font-medium">{u.email}</span>
                  {u.name ? <span className="ml-2 text-muted-foreground">{u.name}</span> : null}
                </TableCell>
                <TableCell className="space-x-1 whitespace-nowrap">
                  {u.disabled ? <Badge variant="destructive">disabled</Badge> : <Badge variant="success">active</Badge>}
                  {u.role === "admin" ? <Badge>admin</Badge> : null}
                </TableCell>
                <TableCell>
                  <AdminForm
                    action={setUserDisabledAction}
                    hidden={{ unverifiedUserId: u.id, disabled: String(!u.disabled) }}
                    submitLabel={u.disabled ? `Enable ${u.email}` : `Disable ${u.email}`}
                    pendingLabel="Saving…"
                    destructive={!u.disabled}
                  />
                </TableCell>
                <TableCell>
                  <AdminForm
                    action={setPlatformAdminAction}
                    hidden={{ unverifiedUserId: u.id, admin: String(u.role !== "admin") }}
                    submitLabel={u.role === "admin" ? `Demote ${u.email}` : `Promote ${u.email}`}
                    pendingLabel="Saving…"
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
