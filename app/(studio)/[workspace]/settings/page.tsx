import { Settings } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "Settings" };

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMemberWorkspace((await params).workspace);
  return (
    <>
      <PageHeader title="Settings" description={workspace.name} />
      <EmptyState icon={Settings} title="Workspace settings">
        Name, members and limits of this workspace will be managed here.
      </EmptyState>
    </>
  );
}
