import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";

type Client = Prisma.TransactionClient | typeof db;

/**
 * Ends every session of the user except `keepSessionId` (null: every one). Used by sign-out-everywhere, a
 * password change (keeps the browser that changed it), a reset and the CLI's set-password (keep none).
 * Returns how many ended.
 */
export async function revokeOtherSessions(userId: string, keepSessionId: string | null, client: Client = db): Promise<number> {
  const revoked = await client.userSession.updateMany({
    where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return revoked.count;
}
