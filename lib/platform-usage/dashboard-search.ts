import { z } from "zod";
import { isUuid } from "@/lib/db/is-uuid";
import { decodeKeysetCursor } from "@/lib/db/keyset-cursor";
import { SLUG_PATTERN } from "@/lib/workspaces/make-slug";
import { lenient, NO_KEY, oneOf, timeZone, USAGE_SOURCES, USAGE_STATUSES } from "@/lib/usage/schemas";
import type { PlatformBreakdown, PlatformBucket } from "./types";

// The search parameters of the platform usage pages (/admin/usage and its drill-down /admin/usage/records). Links
// are shared and edited by hand: a value that doesn't parse falls back to its default, never an error page.

export const PLATFORM_PRESETS = ["24h", "7d", "30d", "90d", "12m"] as const;
export const PLATFORM_BUCKETS = ["hour", "day", "month"] as const satisfies readonly PlatformBucket[];
export const PLATFORM_BREAKDOWNS = ["workspace", "member", "model", "key", "source", "status"] as const satisfies readonly PlatformBreakdown[];
export const PLATFORM_SOURCES = USAGE_SOURCES;
export const PLATFORM_STATUSES = USAGE_STATUSES;
export const TIMELINE_METRICS = ["calls", "credits", "tokens", "images", "errorRate", "p50", "p95"] as const;
export { NO_KEY };
/** How many series a dashboard breakdown shows on their own (the rest stacks as "Other"). */
export const DASHBOARD_TOP_SERIES = 5;
/** The drill-down's dimensions an "Other" link can exclude series of, by their records parameter names. */
export const EXCLUDABLE = ["workspace", "user", "key", "model", "source", "status"] as const;
export type Excludable = (typeof EXCLUDABLE)[number];
/** A custom range spans at most this many days (a year and a leap day). */
export const MAX_CUSTOM_DAYS = 366;

export type PlatformPreset = (typeof PLATFORM_PRESETS)[number];
export type TimelineMetric = (typeof TIMELINE_METRICS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is not one), or null. */
function calendarDate(v: string): string | null {
  if (!DATE.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
}

const uuid = lenient((v) => (isUuid(v) ? v.toLowerCase() : null));

/** The days a range spans (a preset's nominal length, a custom range's count of whole local days). */
export function rangeDays(range: { preset?: PlatformPreset; from?: string; to?: string }): number {
  if (range.from && range.to) return Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS) + 1;
  return { "24h": 1, "7d": 7, "30d": 30, "90d": 90, "12m": 365 }[range.preset ?? "30d"];
}

/**
 * The buckets worth drawing for a range: hours up to a week (168 bars), days up to a quarter, months from a month
 * up. Fewer than two or more than a few hundred bars say nothing.
 */
export function bucketsForDays(days: number): PlatformBucket[] {
  return PLATFORM_BUCKETS.filter((b) => (b === "hour" ? days <= 7 : b === "day" ? days >= 2 && days <= 92 : days >= 28));
}

function defaultBucket(days: number): PlatformBucket {
  return days <= 2 ? "hour" : days <= 92 ? "day" : "month";
}

/** The dashboard's parameters: the range (a preset, or custom from/to dates, inclusive), bucket, zone, filters. */
export const dashboardSearchSchema = z
  .object({
    range: oneOf([...PLATFORM_PRESETS, "custom"] as const),
    from: lenient(calendarDate),
    to: lenient(calendarDate),
    bucket: oneOf(PLATFORM_BUCKETS),
    tz: lenient(timeZone),
    by: oneOf(PLATFORM_BREAKDOWNS),
    metric: oneOf(TIMELINE_METRICS),
    // A workspace's id (what the breakdown links carry) or its slug (what people type).
    workspace: lenient((v) => (isUuid(v) ? v.toLowerCase() : SLUG_PATTERN.test(v.toLowerCase()) ? v.toLowerCase() : null)),
    model: lenient((v) => (v.length <= 200 ? v : null)),
    source: oneOf(PLATFORM_SOURCES),
    status: oneOf(PLATFORM_STATUSES),
  })
  .transform((s) => {
    // Custom dates unless a preset is chosen, and only when they make a forward range no longer than the cap;
    // otherwise the preset (or 30 days).
    const wantsCustom = s.range === undefined || s.range === "custom";
    const custom = wantsCustom && s.from && s.to && s.from <= s.to && rangeDays({ from: s.from, to: s.to }) <= MAX_CUSTOM_DAYS ? { from: s.from, to: s.to } : null;
    const range: PlatformPreset | undefined = custom ? undefined : s.range && s.range !== "custom" ? s.range : "30d";
    const days = rangeDays(custom ?? { preset: range });
    const bucket = s.bucket && bucketsForDays(days).includes(s.bucket) ? s.bucket : defaultBucket(days);
    return {
      range,
      from: custom?.from,
      to: custom?.to,
      bucket,
      tz: s.tz ?? "UTC",
      by: s.by ?? "workspace",
      metric: s.metric ?? "credits",
      workspace: s.workspace,
      model: s.model,
      source: s.source,
      status: s.status,
    };
  });

export type DashboardSearch = z.infer<typeof dashboardSearchSchema>;

const ZERO_UUID = "00000000-0000-0000-0000-000000000000";
const strictUuid = z.string().refine(isUuid, "not an id").transform((v) => v.toLowerCase());
/** What each excludable dimension's values may be: the ids and enum values the breakdown's series keys are. */
const EXCLUDED_VALUE: Record<Excludable, z.ZodType<string, string>> = {
  workspace: strictUuid,
  user: strictUuid,
  // The rollups key studio calls by the zero uuid; records have no key at all (NO_KEY).
  key: z.union([z.literal(NO_KEY), strictUuid.transform((v) => (v === ZERO_UUID ? NO_KEY : v))]),
  // Catalog ids (lib/admin/schemas.ts) and the upstream-style names usage records carry.
  model: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}$/, "not a model id"),
  source: z.enum(PLATFORM_SOURCES),
  status: z.enum(PLATFORM_STATUSES),
};

/** "Records whose <by> is none of `values`": the "Other" of a breakdown, the rest after its top series. */
export type SeriesExclusion = { by: Excludable; values: string[] };

/**
 * The exclusion an "Other" link names: `other=<dimension>` and `not=<value>` once per top series (at most the
 * breakdown's top; distinct). Unlike the other parameters it is not lenient: dropping a bad one would list the whole
 * slice under a heading that says "other", so a bad one is a message instead. Null when the link names none.
 */
export function parseSeriesExclusion(other: unknown, not: unknown): { ok: true; value: SeriesExclusion | null } | { ok: false; message: string } {
  if (other === undefined && not === undefined) return { ok: true, value: null };
  const by = z.enum(EXCLUDABLE).safeParse(Array.isArray(other) ? other[0] : other);
  if (!by.success) return { ok: false, message: `This link's “other than” part names no dimension records can be told apart by (${EXCLUDABLE.join(", ")}).` };
  const list = z
    .array(EXCLUDED_VALUE[by.data])
    .min(1)
    .max(DASHBOARD_TOP_SERIES)
    .refine((v) => new Set(v).size === v.length)
    .safeParse(typeof not === "string" ? [not] : not);
  if (!list.success) {
    const what = { workspace: "workspace ids", user: "member ids", key: `API key ids (or “${NO_KEY}”)`, model: "model ids", source: "sources", status: "statuses" }[by.data];
    return { ok: false, message: `This link's “other than” list is not valid: it takes 1 to ${DASHBOARD_TOP_SERIES} different ${what}.` };
  }
  return { ok: true, value: { by: by.data, values: list.data } };
}

/** The drill-down's parameters: a time slice [from, to) as instants, the series, the zone and the page cursor. */
export const recordsSearchSchema = z
  .object({
    from: lenient((v) => (Number.isNaN(Date.parse(v)) || v.length > 40 ? null : new Date(v))),
    to: lenient((v) => (Number.isNaN(Date.parse(v)) || v.length > 40 ? null : new Date(v))),
    tz: lenient(timeZone),
    workspace: uuid,
    user: uuid,
    key: lenient((v) => (v === NO_KEY ? v : isUuid(v) ? v.toLowerCase() : null)),
    model: lenient((v) => (v.length <= 200 ? v : null)),
    source: oneOf(PLATFORM_SOURCES),
    status: oneOf(PLATFORM_STATUSES),
    cursor: lenient((v) => (decodeKeysetCursor(v) ? v : null)),
    // The dashboard's own query, for the way back; re-parsed by the dashboard schema, so it carries nothing else.
    back: lenient((v) => (v.length <= 1000 ? v : null)),
    // "Other": the slice's records outside the breakdown's top series (parseSeriesExclusion). `not` repeats: pass
    // it as the array Next gives, not through firstValues.
    other: z.unknown().optional(),
    not: z.unknown().optional(),
  })
  .transform(({ other, not, ...s }) => {
    // Without a valid forward slice: the last 24 hours.
    const valid = s.from && s.to && s.from < s.to;
    const to = valid ? s.to! : new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    const from = valid ? s.from! : new Date(to.getTime() - DAY_MS);
    const exclusion = parseSeriesExclusion(other, not);
    return {
      ...s, from, to, tz: s.tz ?? "UTC", defaulted: !valid,
      except: exclusion.ok ? (exclusion.value ?? undefined) : undefined,
      exceptError: exclusion.ok ? null : exclusion.message,
    };
  });

export type RecordsSearch = z.infer<typeof recordsSearchSchema>;

/** The first value of each search parameter (Next gives arrays for repeated ones). */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** A query string (no "?") of the values set, in the given order; Dates as ISO instants; a list repeats its name. */
export function toQuery(values: Record<string, string | string[] | Date | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value instanceof Date) query.set(name, value.toISOString());
    else if (Array.isArray(value)) for (const v of value) query.append(name, v);
    else if (value) query.set(name, value);
  }
  return query.toString();
}

/** The dashboard's address for a search (what the form, the "by" switch and the drill-down's way back link to). */
export function dashboardHref(s: Partial<DashboardSearch>): string {
  const { range, from, to, bucket, tz, by, metric, workspace, model, source, status } = s;
  const query = toQuery({ range: from && to ? undefined : range, from, to, bucket, tz, by, metric, workspace, model, source, status });
  return query ? `/admin/usage?${query}` : "/admin/usage";
}
