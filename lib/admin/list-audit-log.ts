import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { decodeAuditCursor, encodeAuditCursor, type AuditLogFilters } from "./audit-log-filters";

export type AuditRow = {
  id: string;
  createdAt: Date;
  action: string;
  target: string | null;
  data: unknown;
  actorEmail: string | null;
  workspaceSlug: string | null;
};

/**
 * A page of the platform audit log, newest first, keyset-paginated on (created_at, id) so a page costs the
 * same however deep it is. The actor is matched by email and the workspace by slug, exactly; the action by prefix
 * ("credits." finds grants and deductions). An unknown actor or workspace matches nothing.
 */
export async function listAuditLog(filters: AuditLogFilters, pageSize = 50): Promise<{ rows: AuditRow[]; next: string | null }> {
  const [actor, workspace] = await Promise.all([
    filters.actor ? db.user.findUnique({ where: { email: filters.actor.toLowerCase() }, select: { id: true } }) : undefined,
    filters.workspace ? db.workspace.findUnique({ where: { slug: filters.workspace.toLowerCase() }, select: { id: true } }) : undefined,
  ]);
  if (actor === null || workspace === null) return { rows: [], next: null };
  const after = decodeAuditCursor(filters.cursor);
  const where: Prisma.AuditLogWhereInput = {
    actorId: actor?.id,
    workspaceId: workspace?.id,
    action: filters.action ? { startsWith: filters.action } : undefined,
    createdAt: filters.from || filters.to ? { gte: filters.from, lt: filters.to } : undefined,
    AND: after ? [{ OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }] : undefined,
  };
  const found = await db.auditLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: pageSize + 1 });
  const page = found.slice(0, pageSize);
  const [users, workspaces] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...new Set(page.flatMap((r) => (r.actorId ? [r.actorId] : [])))] } }, select: { id: true, email: true } }),
    db.workspace.findMany({ where: { id: { in: [...new Set(page.flatMap((r) => (r.workspaceId ? [r.workspaceId] : [])))] } }, select: { id: true, slug: true } }),
  ]);
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const slugs = new Map(workspaces.map((w) => [w.id, w.slug]));
  const rows = page.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    action: r.action,
    target: r.target,
    data: r.data,
    actorEmail: r.actorId ? (emails.get(r.actorId) ?? r.actorId) : null,
    workspaceSlug: r.workspaceId ? (slugs.get(r.workspaceId) ?? r.workspaceId) : null,
  }));
  const last = page.at(-1);
  return { rows, next: found.length > pageSize && last ? encodeAuditCursor(last) : null };
}
