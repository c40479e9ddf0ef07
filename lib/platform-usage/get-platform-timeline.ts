import "server-only";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import { assertPlatformAdmin, type PlatformCaller } from "./assert-platform-admin";
import { planRowSource } from "./plan-row-source";
import { latencySql } from "./platform-sql";
import { readPlatformSums } from "./read-platform-sums";
import { ZERO_SUMS, addSums, percentiles, toSums } from "./platform-values";
import type { PlatformFilters, PlatformPoint, PlatformRange, PlatformSums } from "./types";

/**
 * Every metric per bucket of the range (empty buckets included, in range.buckets' order), from the platform rollups
 * (or the workspace's cube with a workspace filter). p50/p95 come from the latency histograms (platform-wide, per
 * model, source, status or workspace); null where none is kept for the view (a workspace with a model or source
 * filter) or no call in the bucket has a latency.
 */
export async function getPlatformTimeline(caller: PlatformCaller, range: PlatformRange, filters: PlatformFilters): Promise<PlatformPoint[]> {
  await assertPlatformAdmin(caller);
  const plan = planRowSource(filters, "total");
  const pool = getPool();
  const sums = readPlatformSums(plan.rows, range, false);
  const q = new SqlParams();
  const latency = plan.latency
    ? pool.query<{ bucket: string; bin: number; n: number }>(latencySql(q, plan.latency.dim, plan.latency.series, range, false), q.values)
    : null;
  const byBucket = new Map<string, PlatformSums>();
  for (const row of await sums) byBucket.set(row.bucket, addSums(byBucket.get(row.bucket) ?? ZERO_SUMS, toSums(row as never)));
  const bins = new Map<string, { bin: number; n: number }[]>();
  for (const row of latency ? (await latency).rows : []) {
    const list = bins.get(row.bucket) ?? [];
    list.push({ bin: Number(row.bin), n: Number(row.n) });
    bins.set(row.bucket, list);
  }
  return range.buckets.map((bucket) => ({
    bucket,
    ...(byBucket.get(bucket) ?? ZERO_SUMS),
    ...percentiles(bins.get(bucket) ?? []),
  }));
}
