import "server-only";
import { getPool } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { rolesWith } from "@/lib/workspaces/permissions";

export type AuditEntry = {
  id: string;
  action: string;
  target: string | null;
  data: unknown;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  /** When the target is a person (joins, removals, role changes): who. */
  targetName: string | null;
};

export type AuditFilter = {
  /** An action ("member.removed") or a family of them ("member"). */
  action?: string;
  actorId?: string;
  /** Keyset cursor from the previous page's `next`. */
  before?: string;
  limit?: number;
};

// The caller's membership, with a role allowed to read the log, is the first join: an outsider or a lower
// role reads nothing. Keyset on (created_at, id): some entries are written by SQL with random (v4) ids, so the
// id alone is no time order; the (workspace_id, created_at) index serves the range.
const SQL = `
  SELECT a.id, a.action, a.target, a.data, a.created_at AS "createdAt", a.actor_id AS "actorId",
         u.name AS "actorName", u.email AS "actorEmail", coalesce(t.name, t.email) AS "targetName"
    FROM memberships me
    JOIN workspaces w ON w.id = me.workspace_id AND w.deleted_at IS NULL
    JOIN audit_logs a ON a.workspace_id = me.workspace_id
    LEFT JOIN users u ON u.id = a.actor_id
    -- Cast the target, not the key, so the lookup stays on the users primary key.
    LEFT JOIN users t ON t.id = CASE WHEN a.target ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN a.target::uuid END
   WHERE me.user_id = $1::uuid AND me.workspace_id = $2::uuid AND me.role::text = ANY($3::text[])
     AND ($4::text IS NULL OR a.action = $4 OR a.action LIKE $4 || '.%')
     AND ($5::uuid IS NULL OR a.actor_id = $5::uuid)
     AND ($6::timestamptz IS NULL OR (a.created_at, a.id) < ($6::timestamptz, $7::uuid))
   ORDER BY a.created_at DESC, a.id DESC
   LIMIT $8`;

function parseCursor(cursor: string | undefined): [string, string] | [null, null] {
  const [at, id] = (cursor ?? "").split("_");
  return at && id && isUuid(id) && !Number.isNaN(Date.parse(at)) ? [new Date(at).toISOString(), id] : [null, null];
}

/** A page of the workspace's audit log, newest first, for admins; `next` is the cursor of the following page. */
export async function listAuditLog(caller: { userId: string; workspaceId: string }, filter: AuditFilter = {}): Promise<{ entries: AuditEntry[]; next: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const actorId = filter.actorId && isUuid(filter.actorId) ? filter.actorId : null;
  const [beforeAt, beforeId] = parseCursor(filter.before);
  const action = filter.action?.trim() ? filter.action.trim().slice(0, 100) : null;
  const { rows } = await getPool().query<AuditEntry>(SQL, [caller.userId, caller.workspaceId, rolesWith("audit.view"), action, actorId, beforeAt, beforeId, limit + 1]);
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null };
}
