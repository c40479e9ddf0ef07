import "server-only";
import { getPool } from "@/lib/db/client";
import { NO_KEY_UUID } from "@/lib/usage/rollup-writes-sql";
import { LATENCY_BASE, type SUMS } from "./platform-rollup-writes-sql";
import type { PlatformBreakdown, PlatformLatency, PlatformSums } from "./types";

type SumRow = Record<(typeof SUMS)[number], number | string | null>;

export const ZERO_SUMS: PlatformSums = { calls: 0, failedCalls: 0, credits: 0, images: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 };

export function toSums(row: SumRow): PlatformSums {
  const n = (v: number | string | null) => Number(v ?? 0);
  return {
    calls: n(row.calls),
    failedCalls: n(row.failed_calls),
    credits: n(row.credits),
    images: n(row.images),
    promptTokens: n(row.prompt_tokens),
    completionTokens: n(row.completion_tokens),
    totalTokens: n(row.total_tokens),
  };
}

export function addSums(a: PlatformSums, b: PlatformSums, sign = 1): PlatformSums {
  return {
    calls: a.calls + sign * b.calls,
    failedCalls: a.failedCalls + sign * b.failedCalls,
    credits: a.credits + sign * b.credits,
    images: a.images + sign * b.images,
    promptTokens: a.promptTokens + sign * b.promptTokens,
    completionTokens: a.completionTokens + sign * b.completionTokens,
    totalTokens: a.totalTokens + sign * b.totalTokens,
  };
}

/**
 * Nearest-rank p50 and p95 from a histogram of 5%-wide log bins (bin b = [1.05^b, 1.05^(b+1)) ms): the bin holding
 * the rank is exact, the value reported is its geometric middle, so within ±2.5% of the true percentile.
 */
export function percentiles(bins: { bin: number; n: number }[]): PlatformLatency {
  const sorted = [...bins].sort((a, b) => a.bin - b.bin);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  if (total <= 0) return { p50Ms: null, p95Ms: null };
  const at = (q: number) => {
    const rank = Math.ceil(q * total);
    let seen = 0;
    for (const b of sorted) {
      seen += b.n;
      if (seen >= rank) return b.bin === 0 ? 1 : Math.round(LATENCY_BASE ** (b.bin + 0.5));
    }
    return null;
  };
  return { p50Ms: at(0.5), p95Ms: at(0.95) };
}

const STATIC_LABEL: Partial<Record<PlatformBreakdown | "total", (k: string) => string>> = {
  total: () => "All",
  model: (k) => k,
  source: (k) => (k === "studio" ? "Studio" : "API"),
  status: (k) => k,
};

/** Display names of a breakdown's series keys (workspaces, users and keys from their tables, "Deleted" when gone). */
export async function labelSeries(dim: PlatformBreakdown | "total", keys: string[]): Promise<Map<string, string>> {
  const fixed = STATIC_LABEL[dim];
  if (fixed) return new Map(keys.map((k) => [k, fixed(k)]));
  const ids = keys.filter((k) => k !== "other" && k !== NO_KEY_UUID);
  const sql = {
    workspace: `SELECT id::text AS k, name AS label FROM workspaces WHERE id = ANY($1::uuid[])`,
    member: `SELECT id::text AS k, COALESCE(name, email) AS label FROM users WHERE id = ANY($1::uuid[])`,
    key: `SELECT id::text AS k, name || ' (' || prefix || '…' || last4 || ')' AS label FROM api_keys WHERE id = ANY($1::uuid[])`,
  }[dim as "workspace" | "member" | "key"];
  const { rows } = ids.length ? await getPool().query<{ k: string; label: string }>(sql, [ids]) : { rows: [] };
  const found = new Map(rows.map((r) => [r.k, r.label]));
  return new Map(keys.map((k) => [k, k === NO_KEY_UUID ? "Studio (no key)" : (found.get(k) ?? "Deleted")]));
}
