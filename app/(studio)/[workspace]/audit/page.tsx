import Link from "next/link";
import { notFound } from "next/navigation";
import { ScrollText } from "lucide-react";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { AUDIT_FAMILIES, auditSearchSchema } from "@/lib/audit/schemas";
import { listMembers } from "@/lib/members/list-members";
import { can } from "@/lib/workspaces/permissions";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "Audit log" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ params, searchParams }: Props) {
  const { user, workspace } = await requireMemberWorkspace((await params).workspace);
  // Lower roles get the same 404 as outsiders; listAuditLog repeats the check in its query.
  if (workspace.personal || !can(workspace.membership.role, "audit.view")) notFound();
  const raw = await searchParams;
  const filters = auditSearchSchema.parse({ action: raw.action, actor: raw.actor, before: raw.before });
  const caller = { userId: user.id, workspaceId: workspace.id };
  const [page, members] = await Promise.all([
    listAuditLog(caller, { action: filters.action ?? undefined, actorId: filters.actor ?? undefined, before: filters.before ?? undefined }),
    listMembers(caller),
  ]);
  const nextQuery = new URLSearchParams();
  if (filters.action) nextQuery.set("action", filters.action);
  if (filters.actor) nextQuery.set("actor", filters.actor);
  if (page.next) nextQuery.set("before", page.next);
  return (
    <>
      <PageHeader title="Audit log" description="Invitations, joins, removals, role and limit changes, keys and credits in this team." />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <div className="grid gap-2">
          <Label htmlFor="audit-action">What</Label>
          <NativeSelect id="audit-action" name="action" defaultValue={filters.action ?? ""} className="w-44">
            <option value="">Everything</option>
            {AUDIT_FAMILIES.map((f) => (
              <option key={f} value={f}>{f.replace("_", " ")}</option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="audit-actor">Who</Label>
          <NativeSelect id="audit-actor" name="actor" defaultValue={filters.actor ?? ""} className="w-56">
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>{m.name ?? m.email}</option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline">Filter</Button>
        {filters.action || filters.actor ? (
          <Button asChild variant="ghost"><Link href={`/${workspace.slug}/audit`}>Clear</Link></Button>
        ) : null}
      </form>
      {page.entries.length === 0 ? (
        <EmptyState icon={ScrollText} title="Nothing recorded">
          {filters.action || filters.actor || filters.before ? "No entries match these filters." : "Changes to this team will be listed here."}
        </EmptyState>
      ) : (
        <div className="grid gap-4">
          <AuditTable entries={page.entries} />
          {page.next ? (
            <Button asChild variant="outline" className="justify-self-start">
              <Link href={`/${workspace.slug}/audit?${nextQuery.toString()}`}>Older entries</Link>
            </Button>
          ) : null}
        </div>
      )}
    </>
  );
}
