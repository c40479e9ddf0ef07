import "server-only";
import { db } from "@/lib/db/client";
import type { WorkspaceRole } from "@/lib/db/generated/client";

export type MemberWorkspace = {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  balance: number;
  held: number;
  /** A platform admin suspended it: its studio is read-only (workspaceAction refuses changes). */
  suspended: boolean;
  /** `month` is the UTC month that monthUsed/monthHeld count (admission rolls it over). */
  membership: { id: string; role: WorkspaceRole; monthlyLimit: number | null; monthUsed: number; monthHeld: number; month: Date };
};

/**
 * The workspace with this slug, only if the caller is a member: membership is part of the query, so
 * another workspace is simply not found.
 */
export async function getMemberWorkspace(caller: { userId: string }, unverifiedSlug: string): Promise<MemberWorkspace | null> {
  const membership = await db.membership.findFirst({
    where: { userId: caller.userId, workspace: { slug: unverifiedSlug.toLowerCase() } },
    select: {
      id: true,
      role: true,
      monthlyLimit: true,
      monthUsed: true,
      monthHeld: true,
      month: true,
      workspace: { select: { id: true, slug: true, name: true, personal: true, balance: true, held: true, suspended: true } },
    },
  });
  if (!membership) return null;
  const { workspace, ...member } = membership;
  return { ...workspace, membership: member };
}
