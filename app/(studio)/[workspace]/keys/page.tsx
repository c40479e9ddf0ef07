import { KeyRound } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "API keys" };

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMemberWorkspace((await params).workspace);
  return (
    <>
      <PageHeader title="API keys" description={workspace.name} />
      <EmptyState icon={KeyRound} title="No API keys yet">
        Keys let tools that speak the OpenAI API call Darkroom&apos;s models, billed to this workspace.
      </EmptyState>
    </>
  );
}
