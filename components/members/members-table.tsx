import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { removeMemberAction } from "@/lib/actions/members/remove-member";
import { transferOwnershipAction } from "@/lib/actions/members/transfer-ownership";
import type { MemberRow } from "@/lib/members/list-members";
import { ConfirmActionButton } from "./confirm-action-button";
import { MemberLimitForm } from "./member-limit-form";
import { MemberRoleForm } from "./member-role-form";

type Props = {
  members: MemberRow[];
  workspaceSlug: string;
  currentUserId: string;
  /** The caller may change roles, limits and remove (admins). */
  canManage: boolean;
  /** The caller may hand over ownership (the owner). */
  canTransfer: boolean;
};

const credits = (n: number) => n.toLocaleString("en-US");

export function MembersTable({ members, workspaceSlug, currentUserId, canManage, canTransfer }: Props) {
  return (
    <Table aria-label="Members">
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead>Role</TableHead>
          {canManage ? <TableHead>Used this month</TableHead> : null}
          {canManage ? <TableHead>Monthly limit</TableHead> : null}
          {canManage || canTransfer ? <TableHead><span className="sr-only">Actions</span></TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => {
          const who = m.name ?? m.email;
          const isOwner = m.role === "owner";
          const isMe = m.userId === currentUserId;
          return (
            <TableRow key={m.id} data-testid="member-row">
              <TableCell>
                <div className="font-medium">{who}{isMe ? <span className="ml-1 text-xs text-muted-foreground">(you)</span> : null}</div>
                {m.name ? <div className="break-all text-xs text-muted-foreground">{m.email}</div> : null}
              </TableCell>
              <TableCell>
                {canManage && !isOwner && !isMe ? (
                  <MemberRoleForm workspaceSlug={workspaceSlug} membershipId={m.id} role={m.role} who={who} />
                ) : (
                  <Badge className="capitalize">{m.role}</Badge>
                )}
              </TableCell>
              {canManage ? (
                <TableCell className="tabular-nums">
                  {credits(m.monthUsed)}
                  {m.monthHeld > 0 ? <span className="text-xs text-muted-foreground"> (+{credits(m.monthHeld)} held)</span> : null}
                </TableCell>
              ) : null}
              {canManage ? (
                <TableCell>
                  <MemberLimitForm workspaceSlug={workspaceSlug} membershipId={m.id} limit={m.monthlyLimit} who={who} />
                </TableCell>
              ) : null}
              {canManage || canTransfer ? (
                <TableCell className="text-right">
                  <div className="flex flex-wrap justify-end gap-2">
                    {canTransfer && !isOwner ? (
                      <ConfirmActionButton
                        action={transferOwnershipAction}
                        fields={{ workspace: workspaceSlug, id: m.id }}
                        trigger="Make owner"
                        triggerLabel={`Make ${who} the owner`}
                        title={`Make ${who} the owner?`}
                        confirm="Transfer ownership"
                        pending="Transferring…"
                      >
                        A team has one owner. {who} becomes it, and you become an admin.
                      </ConfirmActionButton>
                    ) : null}
                    {canManage && !isOwner && !isMe ? (
                      <ConfirmActionButton
                        action={removeMemberAction}
                        fields={{ workspace: workspaceSlug, id: m.id }}
                        trigger="Remove"
                        triggerLabel={`Remove ${who}`}
                        title={`Remove ${who}?`}
                        confirm="Remove member"
                        pending="Removing…"
                        destructive
                      >
                        They lose access at once, their API keys stop working, and their queued edits are cancelled and refunded.
                        Their images stay in the gallery under their name.
                      </ConfirmActionButton>
                    ) : null}
                  </div>
                </TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
