import "server-only";
import { getPool } from "@/lib/db/client";
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

/** A statement whose row counts the request against its rate limit (see prepareRateLimitCount), $1–$4. */
export type CountStatement = { sql: string; values: unknown[]; maxPoints: number };

/**
 * Counts the request against its rate limit and, only when it is within the limit, admits it: both in one round
 * trip. Returns the count's row and the admission (null when over the limit: nothing was admitted).
 */
export async function countAndAdmit(
  count: CountStatement,
  input: AdmitInput,
): Promise<{ counted: { points: number; expire: string | null }; admission: Admission | null }> {
  const { rows } = await getPool().query<{ points: number; expire: string | null; admission: Record<string, string | null> | null }>({
    // darkroom_admit is inside the CASE: it runs only when the count is within the limit.
    name: "darkroom_count_and_admit",
    text: `WITH counted AS (${count.sql})
           SELECT counted.points, counted.expire,
                  CASE WHEN counted.points <= $5 THEN
                    (SELECT row_to_json(a) FROM darkroom_admit($6, $7, $8, $9, $10, $11, $12, $13, $14) a)
                  END AS admission
           FROM counted`,
    values: [...count.values, count.maxPoints, ...admitValues(input)],
  });
  const row = rows[0]!;
  return { counted: { points: row.points, expire: row.expire }, admission: row.admission ? toAdmission(row.admission, input) : null };
}

function admitValues(input: AdmitInput): unknown[] {
  return [
    input.workspaceId,
    input.membershipId,
    input.userId,
    input.apiKeyId,
    input.amount,
    JSON.stringify(input.prices),
    input.requestId,
    input.source,
    input.model,
  ];
}

function toAdmission(row: { hold_id?: string | null; usage_record_id?: string | null; refusal?: string | null }, input: AdmitInput): Admission {
  if (row.hold_id && row.usage_record_id) {
    return { ok: true, holdId: row.hold_id, usageRecordId: row.usage_record_id, amount: input.amount, prices: input.prices };
  }
  return { ok: false, refusal: (row.refusal as Refusal | null) ?? "insufficient_credits" };
}

/**
 * Places the hold (workspace balance and the member's monthly limit), its ledger entry and the pending usage
 * record in one round trip (SQL function darkroom_admit: conditional updates only, all or nothing).
 * Throws only when the database itself fails.
 */
export async function admit(input: AdmitInput): Promise<Admission> {
  const { rows } = await getPool().query<{ hold_id: string | null; usage_record_id: string | null; refusal: Refusal | null }>({
    // Named: each pooled connection parses and plans it once (the hot path runs it on every request).
    name: "darkroom_admit",
    text: `SELECT hold_id, usage_record_id, refusal FROM darkroom_admit($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    values: admitValues(input),
  });
  return toAdmission(rows[0] ?? {}, input);
}
