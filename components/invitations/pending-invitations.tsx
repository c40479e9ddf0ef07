import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PendingInvitation } from "@/lib/invitations/list-pending-invitations";
import { RevokeInvitationButton } from "./revoke-invitation-button";

export function PendingInvitations({ invitations, workspaceSlug }: { invitations: PendingInvitation[]; workspaceSlug: string }) {
  if (invitations.length === 0) return <p className="text-sm text-muted-foreground">No pending invitations.</p>;
  return (
    <Table aria-label="Pending invitations">
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead><span className="sr-only">Actions</span></TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invitations.map((i) => (
          <TableRow key={i.id}>
            <TableCell className="min-w-44 [overflow-wrap:anywhere]">{i.email}</TableCell>
            <TableCell className="capitalize">{i.role}</TableCell>
            <TableCell>
              {i.expired ? <Badge variant="warning">Expired</Badge> : <time dateTime={i.expiresAt.toISOString()}>{i.expiresAt.toISOString().slice(0, 10)}</time>}
            </TableCell>
            <TableCell className="text-right">
              <RevokeInvitationButton id={i.id} email={i.email} workspaceSlug={workspaceSlug} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
