import "server-only";
import type { DbClient } from "@/lib/db/types";

/**
 * Locks every active platform admin's row for the rest of the transaction and returns their ids. Two admins
 * demoting or disabling each other at once then run one after the other, so the second sees the first's change
 * and "never the last admin" holds.
 */
export async function lockActiveAdmins(tx: DbClient): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}
