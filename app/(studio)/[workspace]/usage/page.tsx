import { BarChart3 } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "Usage" };

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMemberWorkspace((await params).workspace);
  return (
    <>
      <PageHeader title="Usage" description={workspace.name} />
      <EmptyState icon={BarChart3} title="No usage yet">
        Every edit and API call appears here with the credits it cost.
      </EmptyState>
    </>
  );
}
