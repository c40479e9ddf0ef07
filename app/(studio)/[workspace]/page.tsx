import { Wand2 } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "Studio" };

export default async function StudioPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMemberWorkspace((await params).workspace);
  const available = workspace.balance - workspace.held;
  return (
    <>
      <PageHeader
        title="Studio"
        description={
          <>
            {workspace.name} has <strong className="text-foreground tabular-nums">{available.toLocaleString("en-US")}</strong> credits
            available.
          </>
        }
      />
      <EmptyState icon={Wand2} title="Your studio is ready">
        Upload an image, describe the edit and pick a model. The editor arrives with the next release; meanwhile
        your workspace and its credits are set up.
      </EmptyState>
    </>
  );
}
