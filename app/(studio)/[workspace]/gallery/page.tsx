import { Images } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "Gallery" };

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await requireMemberWorkspace((await params).workspace);
  return (
    <>
      <PageHeader title="Gallery" description={workspace.name} />
      <EmptyState icon={Images} title="No images yet">
        Every edit you make lands here, newest first. Open the studio to make your first one.
      </EmptyState>
    </>
  );
}
