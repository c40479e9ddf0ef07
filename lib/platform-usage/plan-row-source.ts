import { AppError } from "@/lib/errors/app-error";
import type { LatencyDim } from "./platform-rollup-writes-sql";
import type { RowSource } from "./platform-sql";
import type { PlatformBreakdown, PlatformFilters } from "./types";

/**
 * Where a view's rows come from, and the latency histogram that matches it (platform_latency_bins' `dim` and
 * `series`; null: none is kept for this view).
 */
export type PlannedSource = { rows: RowSource; latency: { dim: LatencyDim; series: string } | null };

/**
 * Which rollup answers a view. Platform-wide, platform_usage_series keeps each breakdown on its own (not crossed
 * with the others, which would multiply its rows), so a view takes at most one of the model, source and status
 * filters, and a breakdown only by that same dimension. With a workspace filter the workspace's own cube
 * (usage_rollups_*: member, key, model, and the source through the key) answers, so model and source combine there,
 * but status isn't rolled up per workspace. Latency has a histogram per workspace (dim `workspace`), not crossed with
 * model or source: a workspace alone gets its p50/p95, a workspace with a model or source filter none. A view the
 * rollups can't answer exactly is refused with a message, never approximated by a scan.
 */
export function planRowSource(filters: PlatformFilters, dim: PlatformBreakdown | "total"): PlannedSource {
  if (filters.workspaceId) {
    if (filters.status || dim === "status") {
      throw new AppError("invalid_input", "Status can't be combined with a workspace: clear one of them.", { field: "status" });
    }
    // The workspace's whole histogram: only for the view of its total (a breakdown's series have none, as platform-wide).
    const whole = dim === "total" && filters.model === undefined && filters.source === undefined;
    const latency = whole ? { dim: "workspace" as const, series: filters.workspaceId } : null;
    return { rows: { kind: "workspace", workspaceId: filters.workspaceId, dim, model: filters.model, source: filters.source }, latency };
  }
  const set = (["model", "source", "status"] as const).filter((d) => filters[d] !== undefined);
  if (set.length > 1) throw new AppError("invalid_input", "Choose one of model, source or status (or add a workspace to combine model and source).");
  const only = set[0];
  if (!only) return { rows: { kind: "platform", dim }, latency: dim === "total" ? { dim: "total", series: "" } : null };
  const value = filters[only]!;
  if (dim !== "total" && dim !== only) {
    throw new AppError("invalid_input", `A breakdown by ${dim} can't be filtered by ${only} platform-wide: clear the ${only} filter.`);
  }
  return { rows: { kind: "platform", dim: only, series: [value] }, latency: { dim: only, series: value } };
}
