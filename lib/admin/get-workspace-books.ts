import "server-only";
import { db } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";

/**
 * A workspace's books for the admin console: balance and held, its open holds, recent ledger entries, and recent
 * charged usage records with whether each was refunded. Named by slug, or by id (the usage drill-down's links,
 * whose rows carry ids); a slug wins over an id that happens to spell it. Null when there is no such workspace.
 */
export async function getWorkspaceBooks(slugOrId: string) {
  const key = slugOrId.toLowerCase();
  const select = { id: true, slug: true, name: true, suspended: true, suspendedReason: true, balance: true, held: true } as const;
  const workspace =
    (await db.workspace.findUnique({ where: { slug: key }, select })) ?? (isUuid(key) ? await db.workspace.findUnique({ where: { id: key }, select }) : null);
  if (!workspace) return null;
  const [holds, ledger, usage] = await Promise.all([
    db.hold.findMany({
      where: { workspaceId: workspace.id, status: "open" },
      select: { id: true, amount: true, createdAt: true, heartbeatAt: true, usageRecordId: true },
      orderBy: { createdAt: "asc" },
      take: 100,
    }),
    db.ledgerEntry.findMany({
      where: { workspaceId: workspace.id },
      select: { id: true, kind: true, amount: true, note: true, opId: true, createdAt: true, usageRecordId: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 30,
    }),
    db.usageRecord.findMany({
      where: { workspaceId: workspace.id, credits: { gt: 0 } },
      select: { id: true, model: true, status: true, credits: true, createdAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 20,
    }),
  ]);
  const refunded = new Set(
    (
      await db.ledgerEntry.findMany({
        where: { opId: { in: usage.map((u) => `refund:${u.id}`) } },
        select: { usageRecordId: true },
      })
    ).map((e) => e.usageRecordId),
  );
  return { workspace, holds, ledger, usage: usage.map((u) => ({ ...u, refunded: refunded.has(u.id) })) };
}
