import "server-only";
import { db } from "@/lib/db/client";
import type { DbClient } from "@/lib/db/types";
import type { AccountTokenPurpose } from "@/lib/db/generated/client";
import { AccountTokenError } from "./account-token-error";
import { hashAccountToken } from "./hash-account-token";

export type ConsumedAccountToken = { id: string; userId: string; email: string; createdAt: Date };

/**
 * Uses a mailed token once: one conditional UPDATE marks it used only while it is unused and unexpired, so
 * two clicks racing on one link cannot both succeed. Pass a transaction's client to make the use part of
 * what it unlocks (rolled back together). Throws `AccountTokenError` saying whether the token is unknown
 * (or for another purpose), already used, or expired.
 */
export async function consumeAccountToken(
  input: { token: string; purpose: AccountTokenPurpose },
  client: DbClient = db,
): Promise<ConsumedAccountToken> {
  const tokenHash = hashAccountToken(input.token);
  const rows = await client.$queryRaw<{ id: string; user_id: string; email: string; created_at: Date }[]>`
    UPDATE account_tokens SET used_at = now()
    WHERE token_hash = ${tokenHash} AND purpose = ${input.purpose}::"AccountTokenPurpose"
      AND used_at IS NULL AND expires_at > now()
    RETURNING id, user_id, email, created_at`;
  const row = rows[0];
  if (row) return { id: row.id, userId: row.user_id, email: row.email, createdAt: row.created_at };
  // Only to tell the person why; the decision above was made by the UPDATE alone.
  const found = await client.accountToken.findFirst({
    where: { tokenHash, purpose: input.purpose },
    select: { usedAt: true },
  });
  if (!found) throw new AccountTokenError("unknown");
  throw new AccountTokenError(found.usedAt ? "used" : "expired");
}
