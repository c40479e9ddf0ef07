import type { MemberWorkspace } from "@/lib/workspaces/get-member-workspace";

/**
 * Credits a member may still spend this UTC month under their limit (null: no limit). Counts from an earlier
 * month are stale (admission resets them on the member's next call), so they count as zero, as admission does.
 */
export function remainingLimit(membership: MemberWorkspace["membership"], now = new Date()): { limit: number; used: number; remaining: number } | null {
  if (membership.monthlyLimit === null) return null;
  const month = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const current = membership.month.getTime() === month;
  const used = current ? membership.monthUsed + membership.monthHeld : 0;
  return { limit: membership.monthlyLimit, used, remaining: Math.max(membership.monthlyLimit - used, 0) };
}
