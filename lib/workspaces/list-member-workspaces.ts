import "server-only";
import { db } from "@/lib/db/client";

export type WorkspaceSummary = { id: string; slug: string; name: string; personal: boolean; role: string };

/** Every workspace the caller belongs to, personal first, then by name. */
export async function listMemberWorkspaces(caller: { userId: string }): Promise<WorkspaceSummary[]> {
  const rows = await db.membership.findMany({
    where: { userId: caller.userId },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true, personal: true } } },
    orderBy: [{ workspace: { personal: "desc" } }, { workspace: { name: "asc" } }],
  });
  return rows.map((r) => ({ ...r.workspace, role: r.role }));
}
