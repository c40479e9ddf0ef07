import { Gauge } from "lucide-react";
import { remainingLimit } from "@/lib/members/remaining-limit";
import type { MemberWorkspace } from "@/lib/workspaces/get-member-workspace";

/** The member's own monthly limit beside the shared balance: what they may still spend this month (UTC). */
export function MemberLimit({ membership }: { membership: MemberWorkspace["membership"] }) {
  const limit = remainingLimit(membership);
  if (!limit) return null;
  return (
    <div className="rounded-md border border-border px-3 py-2 text-sm" data-testid="member-limit">
      <div className="flex items-center gap-2 text-muted-foreground">
        <Gauge className="size-4" aria-hidden /> Your monthly limit
      </div>
      <p className="mt-1 text-lg font-semibold tabular-nums" aria-label={`${limit.remaining} of your ${limit.limit} credits left this month`}>
        {limit.remaining.toLocaleString("en-US")}
        <span className="text-sm font-normal text-muted-foreground"> / {limit.limit.toLocaleString("en-US")} left</span>
      </p>
      <p className="text-xs text-muted-foreground">Resets on the 1st (UTC)</p>
    </div>
  );
}
