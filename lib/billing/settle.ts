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

// Many settlements in one statement (as the sweeper does): darkroom_settle runs once per row, in order, in one
// transaction. Each still closes only an open hold, so a hold listed twice is settled once.
const SETTLE_MANY = `
  SELECT b.n, s.settled
  FROM unnest($1::uuid[], $2::int[], $3::"HoldStatus"[], $4::"UsageStatus"[], $5::int[], $6::int[], $7::int[],
              $8::text[], $9::int[], $10::int[], $11::text[])
       WITH ORDINALITY AS b(hold_id, charge, hold_status, usage_status, prompt_tokens, completion_tokens,
                            total_tokens, usage_source, images, latency_ms, upstream_id, n),
       LATERAL darkroom_settle(b.hold_id, b.charge, b.hold_status, b.usage_status, b.prompt_tokens,
                               b.completion_tokens, b.total_tokens, b.usage_source, b.images, b.latency_ms,
                               b.upstream_id) s
  ORDER BY b.n`;

async function settleMany(batch: Settlement[]): Promise<boolean[]> {
  const columns = FIELDS(batch[0]!).map((_, i) => batch.map((s) => FIELDS(s)[i]));
  const { rows } = await getPool().query<{ n: string; settled: boolean }>({ name: "darkroom_settle_many", text: SETTLE_MANY, values: columns });
  const settled = new Array<boolean>(batch.length).fill(false);
  for (const row of rows) settled[Number(row.n) - 1] = row.settled === true;
  return settled;
}

type Waiting = { settlement: Settlement; resolve(settled: boolean): void; reject(error: unknown): void };

// Settlements are sent one statement at a time per process: one that arrives while another statement is out
// waits for it and goes with whatever else arrived meanwhile. Alone (a quiet moment) it goes at once, as a single
// call; under load, one round trip and one commit settle many requests.
const MAX_BATCH = 64;
const waiting: Waiting[] = [];
let sending = false;

function sendNext(): void {
  if (sending || waiting.length === 0) return;
  sending = true;
  const batch = waiting.splice(0, MAX_BATCH);
  void sendBatch(batch).finally(() => {
    sending = false;
    sendNext();
  });
}

async function sendBatch(batch: Waiting[]): Promise<void> {
  if (batch.length > 1) {
    try {
      const results = await settleMany(batch.map((w) => w.settlement));
      batch.forEach((w, i) => w.resolve(results[i]!));
      return;
    } catch {
      // One failing row (or a deadlock with another instance's batch) fails the statement: settle each alone,
      // so every caller gets its own answer or error (and retries only its own).
    }
  }
  for (const w of batch) {
    try {
      w.resolve(await settleOne(w.settlement));
    } catch (error) {
      w.reject(error);
    }
  }
}

/**
 * Closes an open hold (SQL function darkroom_settle): releases it, charges, finishes the usage record. Returns
 * false when the hold was already closed, so a retried settlement never charges twice. Resolves once committed;
 * concurrent settlements share round trips (see above).
 */
export function settle(s: Settlement): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    waiting.push({ settlement: s, resolve, reject });
    sendNext();
  });
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
