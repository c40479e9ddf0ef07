import "server-only";
import { db } from "@/lib/db/client";

// Tokens live 30 days (lib/auth/auth.ts); a row not seen for longer belongs to a token that can no longer arrive.
const FORGOTTEN_AFTER_DAYS = 31;

/**
 * Records a sign-in and returns the id its JWT carries. The person's dead rows (revoked, or unseen past the
 * token's lifetime) are cleared on the way, so the table stays the size of the sessions people actually have.
 */
export async function startUserSession(input: { userId: string; userAgent: string | null; ipAddress: string | null }): Promise<string> {
  const [, created] = await db.$transaction([
    db.userSession.deleteMany({
      where: {
        userId: input.userId,
        OR: [{ revokedAt: { not: null } }, { lastSeenAt: { lt: new Date(Date.now() - FORGOTTEN_AFTER_DAYS * 86_400_000) } }],
      },
    }),
    db.userSession.create({
      data: { userId: input.userId, userAgent: input.userAgent?.slice(0, 120) ?? null, ipAddress: input.ipAddress?.slice(0, 64) ?? null },
      select: { id: true },
    }),
  ]);
  return created.id;
}
