import type { UsageRecordRow } from "@/lib/usage/list-usage-records";
import type { SeriesExclusion } from "./dashboard-search";

// The platform dashboards' data, as the admin pages (app/(admin)/admin/usage) receive it from lib/platform-usage/*.
// Every sum is read from the rollups (never a scan of usage_records); only the drill-down lists records.

/** How the charts' x axis is cut, in the viewer's zone. */
export type PlatformBucket = "hour" | "day" | "month";

/** What a breakdown chart splits by. `source` is api|studio; `status` is the usage record's status. */
export type PlatformBreakdown = "workspace" | "member" | "model" | "key" | "source" | "status";

/** Narrow every view to one workspace, model, source or status (all optional, combinable where the rollups allow). */
export type PlatformFilters = {
  workspaceId?: string;
  model?: string;
  source?: "api" | "studio";
  status?: "pending" | "succeeded" | "failed" | "cancelled" | "partial";
};

/** A resolved range: whole UTC hours [from, to), and every bucket's start in the viewer's zone, oldest first. */
export type PlatformRange = {
  from: Date;
  to: Date;
  tz: string;
  bucket: PlatformBucket;
  /** Local bucket starts: `YYYY-MM-DDTHH:00` for hours, `YYYY-MM-DD` for days and months. Empty buckets included. */
  buckets: string[];
};

export type PlatformSums = {
  calls: number;
  failedCalls: number;
  credits: number;
  images: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
};

/** Latency percentiles in ms, null when no finished call in the bucket has a latency. */
export type PlatformLatency = { p50Ms: number | null; p95Ms: number | null };

export type PlatformTotals = PlatformSums & PlatformLatency;

/** One bucket of the timeline (every metric, for the range's charts). `bucket` is one of PlatformRange.buckets. */
export type PlatformPoint = PlatformSums & PlatformLatency & { bucket: string };

/** A breakdown: its top series by credits over the range (plus `other`, the exact rest), and their per-bucket sums. */
export type PlatformBreakdownResult = {
  series: { key: string; label: string }[];
  /** One row per (bucket, series) with calls or credits; missing rows are zero. `key` is a series key or "other". */
  points: (PlatformSums & { bucket: string; key: string })[];
  /** Each series' sums over the whole range, in the order of `series` (for the table under the chart). */
  totals: (PlatformSums & { key: string; label: string })[];
};

/** A top spender over the range (a workspace or a member), by credits. */
export type PlatformSpender = PlatformSums & { key: string; label: string };

/** What the drill-down lists: the records of a time slice and optional series. */
export type PlatformRecordQuery = PlatformFilters & {
  from: Date;
  to: Date;
  userId?: string;
  /** An API key's id, or "none" for calls without one (studio edits). */
  apiKeyId?: string;
  /**
   * A breakdown's "Other": only records whose `by` is none of `values` (its top series). For `key`, "none" among
   * them leaves out calls without a key; otherwise those stay (they are not any of the keys).
   */
  except?: SeriesExclusion;
};

/** A usage table row (lib/usage/list-usage-records.ts) with its workspace, across workspaces. */
export type PlatformRecordRow = Omit<UsageRecordRow, "member"> & { workspaceId: string; workspaceName: string; userLabel: string };

/** A page of the drill-down, newest first; `nextCursor` (lib/db/keyset-cursor) when more follow. */
export type PlatformRecordPage = { rows: PlatformRecordRow[]; nextCursor: string | null };

/*
 * The functions (lib/platform-usage/<verb-noun>.ts, one each; every one takes the caller `{ id: userId }`
 * (PlatformCaller, assert-platform-admin.ts) first and re-checks in the database that they are an enabled platform
 * admin: anyone else gets AppError "not_found"):
 *   resolvePlatformRange(admin, { preset?: "24h"|"7d"|"30d"|"90d"|"12m", from?: "YYYY-MM-DD", to?: "YYYY-MM-DD", tz, bucket }): Promise<PlatformRange>
 *     (input schema: platformRangeInputSchema in schemas.ts; a preset or both dates; at most MAX_PLATFORM_BUCKETS buckets)
 *   getPlatformTotals(admin, range, filters): Promise<PlatformTotals>
 *   getPlatformTimeline(admin, range, filters): Promise<PlatformPoint[]>
 *   getPlatformBreakdown(admin, range, filters, by, top = 8): Promise<PlatformBreakdownResult>
 *   listTopSpenders(admin, range, filters, kind: "workspace" | "member", limit = 10): Promise<PlatformSpender[]>
 *   listPlatformUsageRecords(admin, query: PlatformRecordQuery, cursor: string | null, limit = 50): Promise<PlatformRecordPage>
 *
 * Which filters combine (plan-row-source.ts): without a workspace, at most one of model, source and status, and a
 * breakdown only by that same dimension (workspace, member and key breakdowns take no filter); with a workspace,
 * model and source combine and every breakdown but status works; p50/p95 are the workspace's own (its latency
 * histogram), but null when a model or source filter is added (the histogram isn't crossed with them). Anything else
 * throws AppError "invalid_input" with a sentence to show; the drill-down takes any mix.
 */
