import { TZDate } from "@date-fns/tz";
import { DASHBOARD_TOP_SERIES, NO_KEY, toQuery, type Excludable } from "@/lib/platform-usage/dashboard-search";
import type { PlatformBreakdown, PlatformFilters } from "@/lib/platform-usage/types";

// Links from the dashboards to the usage records behind a number: /admin/usage/records?from=…&to=…&<filters>.

/** What the rollups key studio calls by (they have no API key); the drill-down names them "none". */
const ZERO_UUID = "00000000-0000-0000-0000-000000000000";
const HOUR_MS = 3_600_000;

/** The range as the pages carry it across: instants as ISO strings (props of client components are serialised). */
export type RangeBounds = { from: string; to: string; tz: string; buckets: string[] };
/** The dashboard's filters in the drill-down's names, plus the dashboard's query for the way back. */
export type DrillBase = { filters: PlatformFilters; back: string };

// A TZDate costs tens of microseconds (the zone's rules through Intl), and a 7-day hourly view links 168 buckets from
// two charts and their tables: remembered per zone and bucket (pure, so safe to share), in a bounded map.
const starts = new Map<string, number>();
const MAX_STARTS = 20_000;

/**
 * A local bucket start (`YYYY-MM-DD` or `YYYY-MM-DDTHH:00`) in `tz` as an instant, moved up to a whole UTC hour
 * (the rollups are hourly: in a zone offset by a part of an hour a bucket starts at the first whole hour after it).
 */
export function bucketStart(bucket: string, tz: string): number {
  const id = `${tz} ${bucket}`;
  const known = starts.get(id);
  if (known !== undefined) return known;
  const [y, m, d] = bucket.slice(0, 10).split("-").map(Number);
  const h = bucket.length > 10 ? Number(bucket.slice(11, 13)) : 0;
  const at = Math.ceil(new TZDate(y!, m! - 1, d!, h, 0, 0, 0, tz).getTime() / HOUR_MS) * HOUR_MS;
  if (starts.size >= MAX_STARTS) starts.clear();
  starts.set(id, at);
  return at;
}

/** A bucket's slice [from, to): from its start to the next bucket's (the last one to the range's end), inside the range. */
export function bucketBounds(range: RangeBounds, index: number): { from: Date; to: Date } {
  const lo = Date.parse(range.from);
  const hi = Date.parse(range.to);
  const start = bucketStart(range.buckets[index]!, range.tz);
  const next = index + 1 < range.buckets.length ? bucketStart(range.buckets[index + 1]!, range.tz) : hi;
  return { from: new Date(Math.max(lo, start)), to: new Date(Math.min(hi, next)) };
}

/** The drill-down's parameter for each breakdown dimension (members are `user` there). */
const PARAM: Record<PlatformBreakdown, Excludable> = { workspace: "workspace", member: "user", model: "model", key: "key", source: "source", status: "status" };

/** A series key as the drill-down names it: studio calls' zero uuid is "none" (NO_KEY) there. */
function paramValue(by: PlatformBreakdown, key: string): string {
  return by === "key" && (key === ZERO_UUID || key === "" || key === NO_KEY) ? NO_KEY : key;
}

/** A drill-down filter: values of its parameters (a list repeats the parameter). */
export type SeriesFilter = Record<string, string | string[]>;

/**
 * The records filter that selects one series of a breakdown. "other" (the rest) is "none of the top series":
 * `other=<dimension>&not=<key>…`, given the breakdown's top series keys; null when no such list can be named.
 */
export function seriesFilter(by: PlatformBreakdown, key: string, top: readonly string[] = []): SeriesFilter | null {
  if (key !== "other") return { [PARAM[by]]: paramValue(by, key) };
  const not = [...new Set(top.filter((k) => k !== "other").map((k) => paramValue(by, k)))];
  return not.length > 0 && not.length <= DASHBOARD_TOP_SERIES ? { other: PARAM[by], not } : null;
}

/** The drill-down's address for a slice, the dashboard's filters, and a series (whose filter wins over the dashboard's). */
export function recordsHref(base: DrillBase, slice: { from: Date; to: Date }, tz: string, series: SeriesFilter = {}): string {
  const { workspaceId, model, source, status } = base.filters;
  return `/admin/usage/records?${toQuery({ from: slice.from, to: slice.to, tz, workspace: workspaceId, model, source, status, ...series, back: base.back })}`;
}
