import type { UsagePoint } from "@/lib/usage/get-usage-series";

export const USAGE_METRICS = [
  { key: "credits", label: "Credits" },
  { key: "calls", label: "Calls" },
  { key: "images", label: "Images" },
  { key: "tokens", label: "Tokens" },
] as const satisfies readonly { key: keyof UsagePoint; label: string }[];

export type UsageMetric = (typeof USAGE_METRICS)[number]["key"];

const number = new Intl.NumberFormat("en-US");
export const formatCount = (value: number) => number.format(value);

/** A bucket's first day (YYYY-MM-DD, a local calendar date) as a short label. */
export function bucketLabel(day: string, bucket: "day" | "week" | "month"): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (bucket === "month") return date.toLocaleDateString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
  const short = date.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
  return bucket === "week" ? `Week of ${short}` : short;
}
