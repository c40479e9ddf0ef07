import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/** Ends one of the caller's own sessions (that browser is signed out on its next request). */
export async function revokeUserSession(caller: { userId: string }, unverifiedSessionId: string): Promise<void> {
  const revoked = await db.userSession.updateMany({
    where: { id: unverifiedSessionId, userId: caller.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (revoked.count === 0) throw new AppError("not_found", "That session has already ended.");
  await db.auditLog.create({ data: { actorId: caller.userId, action: "session.revoked", target: unverifiedSessionId } });
}
