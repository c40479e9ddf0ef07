import "server-only";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import { assertPlatformAdmin, type PlatformCaller } from "./assert-platform-admin";
import { planRowSource } from "./plan-row-source";
import { latencySql } from "./platform-sql";
import { readPlatformSums } from "./read-platform-sums";
import { ZERO_SUMS, addSums, percentiles, toSums } from "./platform-values";
import type { PlatformFilters, PlatformRange, PlatformTotals } from "./types";

/**
 * Every metric over the whole range, from the rollups: the range is read as its whole UTC months, days and the hours
 * at its ends (plus deltas not folded yet), so a year costs a few dozen rows per series, not a row per record.
 */
export async function getPlatformTotals(caller: PlatformCaller, range: PlatformRange, filters: PlatformFilters): Promise<PlatformTotals> {
  await assertPlatformAdmin(caller);
  const plan = planRowSource(filters, "total");
  const pool = getPool();
  const sums = readPlatformSums(plan.rows, range, true);
  const q = new SqlParams();
  const latency = plan.latency
    ? pool.query<{ bin: number; n: number }>(latencySql(q, plan.latency.dim, plan.latency.series, range, true), q.values)
    : null;
  const total = (await sums).reduce((acc, row) => addSums(acc, toSums(row as never)), ZERO_SUMS);
  const bins = latency ? (await latency).rows : [];
  return { ...total, ...(latency ? percentiles(bins) : { p50Ms: null, p95Ms: null }) };
}
