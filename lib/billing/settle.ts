import "server-only";
import { getPool } from "@/lib/db/client";

export type Settlement = {
  holdId: string;
  charge: number;
  holdStatus: "settled" | "released" | "expired";
  usageStatus: "succeeded" | "failed" | "cancelled" | "partial";
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  usageSource: "upstream" | "estimated" | null;
  images: number;
  latencyMs: number | null;
  upstreamId: string | null;
};

/**
 * Closes an open hold in one round trip (SQL function darkroom_settle): releases it, charges, finishes the
 * usage record. Returns false when the hold was already closed, so a retried settlement never charges twice.
 */
export async function settle(s: Settlement): Promise<boolean> {
  const { rows } = await getPool().query<{ settled: boolean }>({
    // Named: each pooled connection parses and plans it once (the hot path runs it on every request).
    name: "darkroom_settle",
    text: `SELECT settled FROM darkroom_settle($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    values: [
      s.holdId,
      s.charge,
      s.holdStatus,
      s.usageStatus,
      s.promptTokens,
      s.completionTokens,
      s.totalTokens,
      s.usageSource,
      s.images,
      s.latencyMs,
      s.upstreamId,
    ],
  });
  return rows[0]?.settled === true;
}

/** Releases a hold in full with nothing charged (the call failed before producing anything). */
export function release(holdId: string, usageStatus: "failed" | "cancelled", latencyMs: number | null = null): Promise<boolean> {
  return settle({
    holdId,
    charge: 0,
    holdStatus: "released",
    usageStatus,
    promptTokens: null,
    completionTokens: null,
    totalTokens: null,
    usageSource: null,
    images: 0,
    latencyMs,
    upstreamId: null,
  });
}
