import "server-only";
import { db } from "@/lib/db/client";

export type AdminUserRow = { id: string; email: string; name: string | null; role: "admin" | "user"; disabled: boolean; createdAt: Date };

/** People whose email or name contains `query` (all when empty), newest first; admin pages only. */
export async function searchUsers(query: string, limit = 50): Promise<AdminUserRow[]> {
  const q = query.trim();
  return db.user.findMany({
    where: q ? { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] } : undefined,
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
}
