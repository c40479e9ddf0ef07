import "server-only";
import { db } from "@/lib/db/client";

export type AdminUserRow = { id: string; email: string; name: string | null; role: "admin" | "user"; disabled: boolean; createdAt: Date };

/** People whose email or name contains `query` (all when empty), newest first; admin pages only. Deleted accounts
 * (tombstones kept for attribution) are not people any more and are left out. */
export async function searchUsers(query: string, limit = 50): Promise<AdminUserRow[]> {
  const q = query.trim();
  return db.user.findMany({
    where: {
      deletedAt: null,
      ...(q ? { OR: [{ email: { contains: q, mode: "insensitive" as const } }, { name: { contains: q, mode: "insensitive" as const } }] } : {}),
    },
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
}
