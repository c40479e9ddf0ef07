import type { PlatformBucket, PlatformSums } from "@/lib/platform-usage/types";

const count = new Intl.NumberFormat("en-US");
export const formatCount = (value: number) => count.format(value);
export const formatMs = (value: number | null) => (value === null ? "—" : `${count.format(Math.round(value))} ms`);
/** Failed or cancelled calls as a share of all finished calls, one decimal (an empty bucket has no rate). */
export const errorRate = (s: Pick<PlatformSums, "calls" | "failedCalls">) => (s.calls ? (100 * s.failedCalls) / s.calls : null);
export const formatPercent = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)}%`);

/** A local bucket start (`YYYY-MM-DD` or `YYYY-MM-DDTHH:00`, a wall-clock time in the viewer's zone) as a short label. */
export function bucketLabel(bucket: string, unit: PlatformBucket): string {
  // The string is already local: read it as if it were UTC so no zone moves it again.
  const date = new Date(`${bucket.slice(0, 10)}T${bucket.length > 10 ? bucket.slice(11, 16) : "00:00"}:00Z`);
  if (unit === "month") return date.toLocaleDateString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
  const day = date.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
  return unit === "hour" ? `${day}, ${bucket.slice(11, 16)}` : day;
}
