import "server-only";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import { assertPlatformAdmin, type PlatformCaller } from "./assert-platform-admin";
import { planRowSource } from "./plan-row-source";
import { sumsSql } from "./platform-sql";
import { labelSeries, toSums } from "./platform-values";
import { rankPlatformSeries } from "./rank-platform-series";
import type { PlatformFilters, PlatformRange, PlatformSpender } from "./types";

/**
 * The workspaces or members that spent the most credits over the range, with every metric, from the rollups: ranked
 * by credits, then calls, then key (rankPlatformSeries), then the winners' exact sums over the range
 * (whole UTC months and days of platform_usage_series, the cube's hours at the ends, deltas not folded yet). With a
 * workspace filter, that workspace's members, from its cube.
 */
export async function listTopSpenders(
  caller: PlatformCaller,
  range: PlatformRange,
  filters: PlatformFilters,
  kind: "workspace" | "member",
  limit = 10,
): Promise<PlatformSpender[]> {
  await assertPlatformAdmin(caller);
  const plan = planRowSource(filters, kind);
  const n = Math.min(Math.max(Math.trunc(limit) || 1, 1), 100);
  // Platform-wide, the ranking comes from the running totals and only the winners' rows are read for every metric.
  const only = plan.rows.kind === "platform" ? (await rankPlatformSeries(kind, range, n)).map((s) => s.key) : undefined;
  if (only && only.length === 0) return [];
  const p = new SqlParams();
  const { rows } = await getPool().query<{ k: string }>(
    `SELECT * FROM (${sumsSql(p, { ...plan.rows, series: only }, range, true)}) AS s ORDER BY credits DESC, calls DESC, k LIMIT ${p.add(n)}`,
    p.values,
  );
  const labels = await labelSeries(kind, rows.map((r) => r.k));
  return rows.map((r) => ({ key: r.k, label: labels.get(r.k) ?? r.k, ...toSums(r as never) }));
}
