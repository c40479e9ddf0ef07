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
    values: [
      input.workspaceId,
      input.membershipId,
      input.userId,
      input.apiKeyId,
      input.amount,
      JSON.stringify(input.prices),
      input.requestId,
      input.source,
      input.model,
    ],
  });
  const row = rows[0];
  if (row?.hold_id && row.usage_record_id) {
    return { ok: true, holdId: row.hold_id, usageRecordId: row.usage_record_id, amount: input.amount, prices: input.prices };
  }
  return { ok: false, refusal: row?.refusal ?? "insufficient_credits" };
}
