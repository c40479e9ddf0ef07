"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";

/**
 * The server cannot know the viewer's zone: on a page opened without `tz`, put the browser's IANA zone in the
 * URL (replacing the history entry), so buckets, the range and times follow the viewer's clock.
 */
export function TimeZoneSync({ current }: { current: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || params.get("tz") || zone === current) return;
    const next = new URLSearchParams(params);
    next.set("tz", zone);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  }, [current, params, pathname, router]);
  return null;
}
