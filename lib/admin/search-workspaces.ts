import "server-only";
import { db } from "@/lib/db/client";

export type AdminWorkspaceRow = { id: string; slug: string; name: string; personal: boolean; suspended: boolean; balance: number; held: number };

/** Workspaces whose slug or name contains `query` (all when empty), newest first; admin pages only. */
export async function searchWorkspaces(query: string, limit = 50): Promise<AdminWorkspaceRow[]> {
  const q = query.trim();
  return db.workspace.findMany({
    where: q ? { OR: [{ slug: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] } : undefined,
    select: { id: true, slug: true, name: true, personal: true, suspended: true, balance: true, held: true },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
}
