import { PageHeader } from "@/components/shell/page-header";
import { DeleteWorkspaceForm } from "@/components/workspaces/delete-workspace-form";
import { SettingsSection } from "@/components/workspaces/settings-section";
import { WorkspaceGeneralForm } from "@/components/workspaces/workspace-general-form";
import { env } from "@/lib/env";
import { can } from "@/lib/workspaces/permissions";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "Settings" };

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMemberWorkspace((await params).workspace);
  const role = workspace.membership.role;
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
        {!workspace.personal && can(role, "workspace.delete") ? (
          <SettingsSection id="danger" title="Delete team" tone="danger">
            <DeleteWorkspaceForm slug={workspace.slug} />
          </SettingsSection>
        ) : null}
      </div>
    </>
  );
}
