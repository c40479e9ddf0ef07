import "server-only";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import type { PlatformDim } from "./platform-rollup-writes-sql";
import { rankSeriesSql } from "./platform-sql";
import type { PlatformRange } from "./types";

/**
 * Every series of a workspace, member or key breakdown with its exact calls and credits over the range, highest
 * credits first (then calls, then key): from the running totals, two index probes per series (rankSeriesSql).
 */
export async function rankPlatformSeries(dim: PlatformDim, range: Pick<PlatformRange, "from" | "to">): Promise<{ key: string; calls: number; credits: number }[]> {
  const p = new SqlParams();
  const { rows } = await getPool().query<{ k: string; calls: number; credits: number }>(
    `SELECT * FROM (${rankSeriesSql(p, dim, range.from, range.to)}) AS t ORDER BY credits DESC, calls DESC, k`,
    p.values,
  );
  return rows.map((r) => ({ key: r.k, calls: Number(r.calls), credits: Number(r.credits) }));
}
