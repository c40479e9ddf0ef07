import "server-only";
import { getMemberWorkspace } from "@/lib/workspaces/get-member-workspace";
import { can } from "@/lib/workspaces/permissions";

/** Whose usage a caller may read in a workspace: everyone's (`usage.view_all`) or only their own. */
export type UsageScope = {
  workspaceId: string;
  slug: string;
  name: string;
  viewerId: string;
  /** null: every member; otherwise the only member whose records the caller may read. */
  onlyUserId: string | null;
};

/**
 * The caller's usage scope in the workspace of `unverifiedSlug`, or null when they are not a member or may not
 * view usage (looks the same as a workspace that does not exist).
 */
export async function getUsageScope(caller: { userId: string }, unverifiedSlug: string): Promise<UsageScope | null> {
  const workspace = await getMemberWorkspace(caller, unverifiedSlug);
  if (!workspace || !can(workspace.membership.role, "usage.view")) return null;
  return {
    workspaceId: workspace.id,
    slug: workspace.slug,
    name: workspace.name,
    viewerId: caller.userId,
    onlyUserId: can(workspace.membership.role, "usage.view_all") ? null : caller.userId,
  };
}
