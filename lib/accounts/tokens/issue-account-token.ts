import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { AccountTokenPurpose } from "@/lib/db/generated/client";
import { hashAccountToken } from "./hash-account-token";

export type IssueAccountTokenInput = {
  userId: string;
  purpose: AccountTokenPurpose;
  /** The address the link is mailed to (for change_email, the new address it confirms). */
  email: string;
  /** How long the link works. */
  ttlMs: number;
};

/**
 * Creates a single-use token for a mailed link and returns the raw token (base64url of 32 random bytes);
 * only its hash is stored. The user's previous unused token for the same purpose stops working (its expiry
 * is moved to now), so only the latest mail's link is live.
 */
export async function issueAccountToken(input: IssueAccountTokenInput): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + input.ttlMs);
  await db.$transaction(async (tx) => {
    // Two issues racing for one user would otherwise each leave their token live.
    await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${input.userId}::uuid FOR UPDATE`;
    await tx.$executeRaw`
      UPDATE account_tokens SET expires_at = LEAST(expires_at, now())
      WHERE user_id = ${input.userId}::uuid AND purpose = ${input.purpose}::"AccountTokenPurpose"
        AND used_at IS NULL AND expires_at > now()`;
    await tx.accountToken.create({
      data: { userId: input.userId, purpose: input.purpose, tokenHash: hashAccountToken(token), email: input.email, expiresAt },
    });
  });
  return { token, expiresAt };
}
