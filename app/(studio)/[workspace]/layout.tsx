import Link from "next/link";
import type { ReactNode } from "react";
import { Aperture } from "lucide-react";
import { CreditBalance } from "@/components/shell/credit-balance";
import { NavLinks } from "@/components/shell/nav-links";
import { UserMenu } from "@/components/shell/user-menu";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";
import { WorkspaceReadOnlyProvider } from "@/components/shell/workspace-read-only";
import { MemberLimit } from "@/components/shell/member-limit";
import { VerifyEmailBanner } from "@/components/account/verify-email-banner";
import { listMemberWorkspaces } from "@/lib/workspaces/list-member-workspaces";
import { getWorkspaceSuspension } from "@/lib/workspaces/get-workspace-suspension";
import { remainingLimit } from "@/lib/members/remaining-limit";
import { can } from "@/lib/workspaces/permissions";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { user, workspace } = await requireMemberWorkspace(slug);
  const [workspaces, suspension] = await Promise.all([listMemberWorkspaces({ userId: user.id }), getWorkspaceSuspension(workspace.id)]);
  const limit = remainingLimit(workspace.membership);
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <aside className="flex flex-col gap-4 border-b border-border p-4 md:w-64 md:shrink-0 md:border-b-0 md:border-r">
        <Link href={`/${workspace.slug}`} className="flex items-center gap-2 font-semibold tracking-tight">
          <Aperture className="size-5" aria-hidden /> Darkroom
        </Link>
        <WorkspaceSwitcher current={workspace} workspaces={workspaces} />
        <NavLinks slug={workspace.slug} showAudit={!workspace.personal && can(workspace.membership.role, "audit.view")} />
        <div className="mt-auto hidden gap-2 md:grid">
          <CreditBalance balance={workspace.balance} held={workspace.held} />
          <MemberLimit membership={workspace.membership} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-4 border-b border-border px-4 py-3 sm:px-6">
          <p className="truncate text-sm text-muted-foreground">
            <span className="font-medium text-foreground">{workspace.name}</span>
            <span className="ml-2 md:hidden">· {(workspace.balance - workspace.held).toLocaleString("en-US")} credits</span>
            {limit ? <span className="ml-2 md:hidden">· {limit.remaining.toLocaleString("en-US")} left of your limit</span> : null}
          </p>
          <UserMenu email={user.email} isAdmin={user.role === "admin"} />
        </header>
        <VerifyEmailBanner userId={user.id} />
        {suspension ? (
          <div role="alert" className="border-b border-destructive/40 bg-destructive/10 px-4 py-3 text-sm text-destructive sm:px-6">
            <strong>This workspace is suspended; it is read-only.</strong> New edits, uploads, API calls and changes to
            its images, keys, members and settings are refused until a platform admin resumes it. Reason: {suspension.reason}
          </div>
        ) : null}
        <main id="main" className="min-w-0 flex-1 p-4 sm:p-6">
          <WorkspaceReadOnlyProvider readOnly={suspension !== null}>{children}</WorkspaceReadOnlyProvider>
        </main>
      </div>
    </div>
  );
}
