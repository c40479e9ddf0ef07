import "server-only";
import { db } from "@/lib/db/client";

/**
 * Connects an OAuth identity to the signed-in caller (the account page's "Connect"): the person proved both
 * sides in this browser, so no email matching is involved. false = the identity already belongs to someone else.
 */
export async function attachOAuthAccount(
  caller: { userId: string },
  identity: { provider: string; providerAccountId: string },
): Promise<boolean> {
  const key = { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } };
  // The upsert's update is empty: an identity that is someone else's keeps its owner, and the owner decides below.
  const row = await db.account.upsert({
    where: key,
    create: { userId: caller.userId, provider: identity.provider, providerAccountId: identity.providerAccountId },
    update: {},
    select: { userId: true },
  });
  if (row.userId !== caller.userId) return false;
  await db.auditLog.create({ data: { actorId: caller.userId, action: "account.provider_linked", target: identity.provider } });
  return true;
}
