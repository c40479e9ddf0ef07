import "server-only";
import { db } from "@/lib/db/client";
import type { PlatformRole } from "@/lib/db/generated/enums";

export type SessionUser = {
  id: string;
  email: string;
  name: string | null;
  role: PlatformRole;
  disabled: boolean;
  disabledAt: Date | null;
  /** The token's session row exists, belongs to this user and is not revoked. */
  sessionLive: boolean;
};

// lastSeenAt moves at most this often, so a busy session writes a few times an hour, not per request.
const TOUCH_EVERY = "5 minutes";

/**
 * The hot path of every signed-in request (the jwt callback): the user and the token's session in one statement
 * by primary keys, which also moves the session's lastSeenAt when it is older than TOUCH_EVERY (a data-modifying
 * CTE runs whether or not it is read; when nothing is stale it writes nothing).
 */
export async function readSessionUser(userId: string, sessionId: string): Promise<SessionUser | null> {
  const rows = await db.$queryRaw<SessionUser[]>`
    WITH touched AS (
      UPDATE user_sessions SET last_seen_at = now()
       WHERE id = ${sessionId}::uuid AND user_id = ${userId}::uuid AND revoked_at IS NULL
         AND last_seen_at < now() - ${TOUCH_EVERY}::interval
      RETURNING id
    )
    SELECT u.id, u.email, u.name, u.role, u.disabled, u.disabled_at AS "disabledAt",
           (s.id IS NOT NULL AND s.revoked_at IS NULL) AS "sessionLive"
      FROM users u
      LEFT JOIN user_sessions s ON s.id = ${sessionId}::uuid AND s.user_id = u.id
     WHERE u.id = ${userId}::uuid`;
  return rows[0] ?? null;
}
