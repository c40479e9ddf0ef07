import "server-only";
import { db } from "@/lib/db/client";

/** Teams the caller owns: each must get a new owner (or be deleted) before the account can be deleted. */
export async function listOwnedTeams(caller: { userId: string }): Promise<Array<{ slug: string; name: string; members: number }>> {
  const rows = await db.membership.findMany({
    where: { userId: caller.userId, role: "owner", workspace: { personal: false, deletedAt: null } },
    select: { workspace: { select: { slug: true, name: true, _count: { select: { memberships: true } } } } },
    orderBy: { workspace: { name: "asc" } },
  });
  return rows.map(({ workspace }) => ({ slug: workspace.slug, name: workspace.name, members: workspace._count.memberships }));
}
