import { z } from "zod";
import { isUuid } from "@/lib/db/is-uuid";
import { decodeKeysetCursor } from "@/lib/db/keyset-cursor";

export const USAGE_RANGES = ["7d", "30d", "90d", "12m"] as const;
export const USAGE_BUCKETS = ["day", "week", "month"] as const;
export const USAGE_BREAKDOWNS = ["member", "model", "key"] as const;
export const USAGE_STATUSES = ["pending", "succeeded", "failed", "cancelled", "partial"] as const;
export const USAGE_SOURCES = ["api", "studio"] as const;
/** The API key filter's value for calls made without one (studio edits). */
export const NO_KEY = "none";

export type UsageRange = (typeof USAGE_RANGES)[number];
export type UsageBucket = (typeof USAGE_BUCKETS)[number];
export type UsageBreakdown = (typeof USAGE_BREAKDOWNS)[number];

// Day buckets of a year would be 365 thin bars, and each would be summed from hourly rows (see getUsageSeries).
const DAY_BUCKET_RANGES: readonly UsageRange[] = ["7d", "30d", "90d"];
const DEFAULT_BUCKET: Record<UsageRange, UsageBucket> = { "7d": "day", "30d": "day", "90d": "week", "12m": "month" };

export function bucketsFor(range: UsageRange): UsageBucket[] {
  return USAGE_BUCKETS.filter((b) => b !== "day" || DAY_BUCKET_RANGES.includes(range));
}

/** An IANA zone both Node and the zone names PostgreSQL knows accept; anything else is UTC. */
export function timeZone(v: string): string | null {
  if (v.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(v)) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: v }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

// Links are shared and edited by hand: a value that doesn't parse falls back to the default, never an error page.
export const lenient = <T>(check: (v: string) => T | null) =>
  z
    .unknown()
    .transform((v) => (typeof v === "string" && v.trim() ? check(v.trim()) : null) ?? undefined)
    .optional();
export const oneOf = <T extends string>(values: readonly T[]) => lenient((v) => (values.includes(v as T) ? (v as T) : null));

/** The Usage page's search parameters: chart settings, table filters, and the table's keyset cursor. */
export const usageSearchSchema = z
  .object({
    range: oneOf(USAGE_RANGES),
    bucket: oneOf(USAGE_BUCKETS),
    by: oneOf(USAGE_BREAKDOWNS),
    tz: lenient(timeZone),
    member: lenient((v) => (isUuid(v) ? v.toLowerCase() : null)),
    model: lenient((v) => (v.length <= 200 ? v : null)),
    key: lenient((v) => (v === NO_KEY ? v : isUuid(v) ? v.toLowerCase() : null)),
    status: oneOf(USAGE_STATUSES),
    source: oneOf(USAGE_SOURCES),
    cursor: lenient((v) => (decodeKeysetCursor(v) ? v : null)),
  })
  .transform((s) => {
    const range = s.range ?? "30d";
    const bucket = s.bucket && bucketsFor(range).includes(s.bucket) ? s.bucket : DEFAULT_BUCKET[range];
    return { ...s, range, bucket, by: s.by ?? "member", tz: s.tz ?? "UTC" };
  });

export type UsageSearch = z.infer<typeof usageSearchSchema>;

/** What selects usage records (the table, the CSV export, the chart's member/model/key filters). */
export type UsageFilters = Pick<UsageSearch, "range" | "tz" | "member" | "model" | "key" | "status" | "source">;

/** The first value of each search parameter (Next gives arrays for repeated ones). */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** The search as a query string (no leading "?"), without the values that are defaults or unset. */
export function usageQuery(search: Partial<UsageSearch>): string {
  const query = new URLSearchParams();
  for (const name of ["range", "bucket", "by", "tz", "member", "model", "key", "status", "source", "cursor"] as const) {
    const value = search[name];
    if (value) query.set(name, value);
  }
  return query.toString();
}
