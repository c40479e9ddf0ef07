import "server-only";
import { db } from "@/lib/db/client";

/** The caller's display name (empty clears it: the app shows the email instead). */
export async function renameUser(caller: { userId: string }, name: string): Promise<void> {
  await db.user.update({ where: { id: caller.userId }, data: { name: name.trim() || null } });
}
