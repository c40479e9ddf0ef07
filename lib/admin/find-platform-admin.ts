import "server-only";
import { db } from "@/lib/db/client";

/**
 * The platform admin behind a session, read from the database rather than the session's role claim, so a
 * demotion or a disable applies to the very next admin request. Null for anyone else.
 */
export async function findPlatformAdmin(userId: string): Promise<{ id: string; email: string } | null> {
  return db.user.findFirst({ where: { id: userId, role: "admin", disabled: false }, select: { id: true, email: true } });
}
