import Link from "next/link";
import { InviteMemberForm } from "@/components/invitations/invite-member-form";
import { PendingInvitations } from "@/components/invitations/pending-invitations";
import { LeaveWorkspaceButton } from "@/components/members/leave-workspace-button";
import { MembersTable } from "@/components/members/members-table";
import { PageHeader } from "@/components/shell/page-header";
import { DeleteWorkspaceForm } from "@/components/workspaces/delete-workspace-form";
import { SettingsSection } from "@/components/workspaces/settings-section";
import { WorkspaceGeneralForm } from "@/components/workspaces/workspace-general-form";
import { env } from "@/lib/env";
import { listPendingInvitations } from "@/lib/invitations/list-pending-invitations";
import { listMembers } from "@/lib/members/list-members";
import { can } from "@/lib/workspaces/permissions";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "Settings" };

const ttl = (hours: number) => (hours % 24 === 0 ? `${hours / 24} day${hours === 24 ? "" : "s"}` : `${hours} hour${hours === 1 ? "" : "s"}`);

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  const { user, workspace } = await requireMemberWorkspace((await params).workspace);
  const role = workspace.membership.role;
  const manageMembers = !workspace.personal && can(role, "members.manage");
  const caller = { userId: user.id, workspaceId: workspace.id };
  const [invitations, members] = await Promise.all([
    manageMembers ? listPendingInvitations(caller) : [],
    workspace.personal ? [] : listMembers(caller),
  ]);
  return (
    <>
      <PageHeader title="Settings" description={`${workspace.name} · ${workspace.personal ? "personal workspace" : `team · you are ${role}`}`} />
      <div className="grid max-w-4xl gap-6">
        <SettingsSection id="general" title="General">
          {can(role, "workspace.edit") ? (
            <WorkspaceGeneralForm slug={workspace.slug} name={workspace.name} origin={env.PUBLIC_URL} />
          ) : (
            <dl className="grid gap-2 text-sm">
              <div><dt className="inline text-muted-foreground">Name: </dt><dd className="inline">{workspace.name}</dd></div>
              <div><dt className="inline text-muted-foreground">Address: </dt><dd className="inline">{env.PUBLIC_URL}/{workspace.slug}</dd></div>
            </dl>
          )}
        </SettingsSection>
        {!workspace.personal ? (
          <SettingsSection
            id="members"
            title="Members"
            description={manageMembers ? "Roles, monthly credit limits (UTC months; empty = no limit) and this month's use." : undefined}
          >
            <div className="grid gap-4">
              <MembersTable
                members={members}
                workspaceSlug={workspace.slug}
                currentUserId={user.id}
                canManage={manageMembers}
                canTransfer={can(role, "ownership.transfer")}
              />
              {role !== "owner" ? (
                <div>
                  <LeaveWorkspaceButton workspaceSlug={workspace.slug} name={workspace.name} />
                </div>
              ) : null}
            </div>
          </SettingsSection>
        ) : null}
        {manageMembers ? (
          <SettingsSection id="invitations" title="Invitations" description={`Invite people by email. A link works once, for the invited address, for ${ttl(env.INVITATION_TTL_HOURS)}.`}>
            <div className="grid gap-6">
              <InviteMemberForm workspaceSlug={workspace.slug} />
              <PendingInvitations invitations={invitations} workspaceSlug={workspace.slug} />
            </div>
          </SettingsSection>
        ) : null}
        {workspace.personal ? (
          <SettingsSection id="sharing" title="Sharing">
            <p className="text-sm text-muted-foreground">
              Your personal workspace stays private. To work with others, <Link className="font-medium text-foreground underline underline-offset-4" href="/new">create a team</Link>.
            </p>
          </SettingsSection>
        ) : null}
        {!workspace.personal && can(role, "workspace.delete") ? (
          <SettingsSection id="danger" title="Delete team" tone="danger">
            <DeleteWorkspaceForm slug={workspace.slug} />
          </SettingsSection>
        ) : null}
      </div>
    </>
  );
}
