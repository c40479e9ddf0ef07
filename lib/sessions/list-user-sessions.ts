import "server-only";
import { db } from "@/lib/db/client";

export type UserSessionView = {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

const LIMIT = 50;
// A token unused this long has expired (lib/auth/auth.ts: maxAge 30 days, renewed as it is used).
const EXPIRED_AFTER_MS = 30 * 86_400_000;

/** The caller's live sessions, most recently used first, the one making this request marked. */
export async function listUserSessions(caller: { userId: string; sessionId: string | null }): Promise<UserSessionView[]> {
  const rows = await db.userSession.findMany({
    where: { userId: caller.userId, revokedAt: null, lastSeenAt: { gt: new Date(Date.now() - EXPIRED_AFTER_MS) } },
    orderBy: { lastSeenAt: "desc" },
    take: LIMIT,
    select: { id: true, userAgent: true, ipAddress: true, createdAt: true, lastSeenAt: true },
  });
  return rows.map((row) => ({ ...row, current: row.id === caller.sessionId }));
}
