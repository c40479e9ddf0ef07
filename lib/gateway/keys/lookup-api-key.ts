import "server-only";
import { getPool } from "@/lib/db/client";

/** What the gateway needs to know about a working key. */
export type ResolvedApiKey = {
  id: string;
  workspaceId: string;
  workspaceSlug: string;
  membershipId: string;
  /** The member who created the key; requests are billed to their membership. */
  userId: string;
  /** Allowed model ids; empty = every model. */
  models: string[];
  /** Requests per minute for this key; null = RATE_LIMIT_RPM. */
  rpm: number | null;
  expiresAt: Date | null;
};

type Row = {
  id: string;
  workspace_id: string;
  slug: string;
  membership_id: string;
  created_by_id: string;
  models: string[];
  rpm: number | null;
  expires_at: Date | null;
};

// One round trip on the hot path. The joins are the rules: the creator must still be an enabled member of
// the key's workspace, under the same membership the key was made for. Expiry is left to the caller, which
// checks it on every request (also for cached keys).
const SQL = `
  SELECT k.id, k.workspace_id, w.slug, k.membership_id, k.created_by_id, k.models, k.rpm, k.expires_at
  FROM api_keys k
  JOIN memberships m ON m.id = k.membership_id AND m.workspace_id = k.workspace_id AND m.user_id = k.created_by_id
  JOIN users u ON u.id = k.created_by_id AND NOT u.disabled
  JOIN workspaces w ON w.id = k.workspace_id
  WHERE k.hash = $1 AND k.revoked_at IS NULL`;

/** The working key with this hash, or null (unknown, revoked, or its creator left or was disabled). */
export async function lookupApiKey(hash: string): Promise<ResolvedApiKey | null> {
  const { rows } = await getPool().query<Row>(SQL, [hash]);
  const row = rows[0];
  if (!row) return null;
  return Object.freeze({
    id: row.id,
    workspaceId: row.workspace_id,
    workspaceSlug: row.slug,
    membershipId: row.membership_id,
    userId: row.created_by_id,
    models: Object.freeze([...(row.models ?? [])]) as string[],
    rpm: row.rpm,
    expiresAt: row.expires_at,
  });
}
