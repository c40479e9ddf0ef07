import "server-only";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import type { PlatformDim } from "./platform-rollup-writes-sql";
import { rankSeriesSql, sumsSql } from "./platform-sql";
import type { PlatformRange } from "./types";

const SHORT_MS = 32 * 24 * 3_600_000;

/**
 * Every series of a workspace, member or key breakdown with its exact calls and credits over the range, highest
 * credits first (then calls, then key): over more than 32 days from the running totals, two index probes per
 * series (rankSeriesSql); over 32 days or less from the rows of those hours and days directly.
 */
export async function rankPlatformSeries(dim: PlatformDim, range: Pick<PlatformRange, "from" | "to">): Promise<{ key: string; calls: number; credits: number }[]> {
  const p = new SqlParams();
  // Up to 32 days (the 30-day view), the rows of those hours and days cost less than probing every series'
  // running totals; longer ranges are the other way round (bench:dashboard, in process).
  const short = range.to.getTime() - range.from.getTime() <= SHORT_MS;
  const inner = short
    ? sumsSql(p, { kind: "platform", dim }, { ...range, tz: "UTC", bucket: "hour", buckets: [] }, true)
    : rankSeriesSql(p, dim, range.from, range.to);
  const { rows } = await getPool().query<{ k: string; calls: number; credits: number }>(
    `SELECT k, calls, credits FROM (${inner}) AS t ORDER BY credits DESC, calls DESC, k`,
    p.values,
  );
  return rows.map((r) => ({ key: r.k, calls: Number(r.calls), credits: Number(r.credits) }));
}
