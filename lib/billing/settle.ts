import "server-only";
import { getPool } from "@/lib/db/client";
import { createStatementBatcher } from "@/lib/db/create-statement-batcher";

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

const FIELDS = (s: Settlement) => [
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
];

async function settleOne(s: Settlement): Promise<boolean> {
  const { rows } = await getPool().query<{ settled: boolean }>({
    // Named: each pooled connection parses and plans it once (the hot path runs it on every request).
    name: "darkroom_settle",
    text: `SELECT settled FROM darkroom_settle($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    values: FIELDS(s),
  });
  return rows[0]?.settled === true;
}

// Many settlements in one statement (as the sweeper does): darkroom_settle runs once per row, in one transaction.
// Each still closes only an open hold, so a hold listed twice is settled once. Rows run in the order of their
// workspace and member, the order admission batches lock them in too, so two batches (of this or another
// instance) wait for each other instead of deadlocking.
const SETTLE_MANY = `
  SELECT b.n, s.settled
  FROM (SELECT b.*
        FROM unnest($1::uuid[], $2::int[], $3::"HoldStatus"[], $4::"UsageStatus"[], $5::int[], $6::int[], $7::int[],
                    $8::text[], $9::int[], $10::int[], $11::text[])
             WITH ORDINALITY AS b(hold_id, charge, hold_status, usage_status, prompt_tokens, completion_tokens,
                                  total_tokens, usage_source, images, latency_ms, upstream_id, n)
             LEFT JOIN holds h ON h.id = b.hold_id
        ORDER BY h.workspace_id, h.membership_id, b.n) b,
       LATERAL darkroom_settle(b.hold_id, b.charge, b.hold_status, b.usage_status, b.prompt_tokens,
                               b.completion_tokens, b.total_tokens, b.usage_source, b.images, b.latency_ms,
                               b.upstream_id) s`;

async function settleMany(batch: Settlement[]): Promise<boolean[]> {
  const columns = FIELDS(batch[0]!).map((_, i) => batch.map((s) => FIELDS(s)[i]));
  const { rows } = await getPool().query<{ n: string; settled: boolean }>({ name: "darkroom_settle_many", text: SETTLE_MANY, values: columns });
  const settled = new Array<boolean>(batch.length).fill(false);
  for (const row of rows) settled[Number(row.n) - 1] = row.settled === true;
  return settled;
}

// Settlements that arrive together share one statement and one commit (see createStatementBatcher).
const settleBatched = createStatementBatcher<Settlement, boolean>({ maxBatch: 64, one: settleOne, many: settleMany });

/**
 * Closes an open hold (SQL function darkroom_settle): releases it, charges, finishes the usage record. Returns
 * false when the hold was already closed, so a retried settlement never charges twice. Resolves once committed;
 * concurrent settlements share round trips (see above).
 */
export function settle(s: Settlement): Promise<boolean> {
  return settleBatched(s);
}

/** The settlement that releases a hold in full with nothing charged (the call failed before producing anything). */
export function releaseSettlement(holdId: string, usageStatus: "failed" | "cancelled", latencyMs: number | null = null): Settlement {
  return {
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
  };
}

/** Releases a hold in full with nothing charged (the call failed before producing anything). */
export function release(holdId: string, usageStatus: "failed" | "cancelled", latencyMs: number | null = null): Promise<boolean> {
  return settle(releaseSettlement(holdId, usageStatus, latencyMs));
}
