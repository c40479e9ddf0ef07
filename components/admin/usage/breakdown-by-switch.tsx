"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { cn } from "@/lib/cn";
import { PLATFORM_BREAKDOWNS } from "@/lib/platform-usage/dashboard-search";
import type { PlatformBreakdown } from "@/lib/platform-usage/types";

const BY_NAME: Record<PlatformBreakdown, string> = { workspace: "Workspace", member: "Member", model: "Model", key: "API key", source: "Source", status: "Status" };

/**
 * The "by" switch: links (each breakdown is its own query), built from the address as it is now, so a choice made
 * in the page without a navigation (the timeline's metric) survives the switch.
 */
export function BreakdownBySwitch({ current }: { current: PlatformBreakdown }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const href = (by: PlatformBreakdown) => {
    const next = new URLSearchParams(params);
    next.set("by", by);
    return `${pathname}?${next.toString()}`;
  };
  return (
    <nav aria-label="Break down by" className="flex flex-wrap items-center gap-2">
      <span className="text-sm font-medium">Break down by</span>
      <ul className="inline-flex flex-wrap rounded-md border border-border p-0.5">
        {PLATFORM_BREAKDOWNS.map((by) => (
          <li key={by}>
            <Link
              href={href(by)}
              aria-current={current === by ? "true" : undefined}
              scroll={false}
              className={cn(
                "rounded px-2.5 py-1 text-xs font-medium text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                current === by && "bg-primary text-primary-foreground",
              )}
            >
              {BY_NAME[by]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
