import "server-only";
import { getPool } from "@/lib/db/client";
import { createStatementBatcher } from "@/lib/db/create-statement-batcher";
import type { ModelPrices } from "@/lib/gateway/catalog/catalog-model";

export type AdmitInput = {
  workspaceId: string;
  membershipId: string;
  userId: string;
  /** null for studio jobs. */
  apiKeyId: string | null;
  amount: number;
  prices: ModelPrices;
  requestId: string;
  source: "api" | "studio";
  model: string;
};

export type Refusal = "insufficient_credits" | "member_limit" | "workspace_suspended" | "key_revoked";

export type Admission =
  | { ok: true; holdId: string; usageRecordId: string; amount: number; prices: ModelPrices }
  | { ok: false; refusal: Refusal };

type AdmitRow = { hold_id: string | null; usage_record_id: string | null; refusal: Refusal | null };

const ARGS = (a: AdmitInput) => [
  a.workspaceId,
  a.membershipId,
  a.userId,
  a.apiKeyId,
  a.amount,
  JSON.stringify(a.prices),
  a.requestId,
  a.source,
  a.model,
];

async function admitOne(input: AdmitInput): Promise<AdmitRow | undefined> {
  const { rows } = await getPool().query<AdmitRow>({
    // Named: each pooled connection parses and plans it once (the hot path runs it on every request).
    name: "darkroom_admit",
    text: `SELECT hold_id, usage_record_id, refusal FROM darkroom_admit($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    values: ARGS(input),
  });
  return rows[0];
}

// Many admissions in one statement and one transaction: darkroom_admit runs once per row, each with its own
// conditional updates, so one refused admission does not affect the others, and the balance is checked against
// every hold placed before it in the same statement. The rows arrive sorted by workspace and member (the
// order settlement batches lock them in too), so concurrent batches wait for each other instead of deadlocking.
const ADMIT_MANY = `
  SELECT b.n, a.hold_id, a.usage_record_id, a.refusal
  FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::jsonb[], $7::text[],
              $8::"UsageSource"[], $9::text[])
       WITH ORDINALITY AS b(workspace_id, membership_id, user_id, api_key_id, amount, prices, request_id, source,
                            model, n),
       LATERAL darkroom_admit(b.workspace_id, b.membership_id, b.user_id, b.api_key_id, b.amount, b.prices,
                              b.request_id, b.source, b.model) a`;

async function admitMany(batch: AdmitInput[]): Promise<(AdmitRow | undefined)[]> {
  const order = batch
    .map((input, i) => ({ input, i }))
    .sort((x, y) => compare(x.input.workspaceId, y.input.workspaceId) || compare(x.input.membershipId, y.input.membershipId));
  const sorted = order.map((o) => ARGS(o.input));
  const columns = sorted[0]!.map((_, c) => sorted.map((args) => args[c]));
  const { rows } = await getPool().query<AdmitRow & { n: string }>({ name: "darkroom_admit_many", text: ADMIT_MANY, values: columns });
  const results = new Array<AdmitRow | undefined>(batch.length);
  for (const row of rows) results[order[Number(row.n) - 1]!.i] = row;
  return results;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Admissions that arrive together share one statement and one commit (see createStatementBatcher).
const admitBatched = createStatementBatcher<AdmitInput, AdmitRow | undefined>({ maxBatch: 64, one: admitOne, many: admitMany });

/**
 * Places the hold (workspace balance and the member's monthly limit), its ledger entry and the pending usage
 * record atomically (SQL function darkroom_admit: conditional updates only, all or nothing); concurrent
 * admissions share round trips (see above). Throws only when the database itself fails.
 */
export async function admit(input: AdmitInput): Promise<Admission> {
  const row = await admitBatched(input);
  if (row?.hold_id && row.usage_record_id) {
    return { ok: true, holdId: row.hold_id, usageRecordId: row.usage_record_id, amount: input.amount, prices: input.prices };
  }
  return { ok: false, refusal: row?.refusal ?? "insufficient_credits" };
}
