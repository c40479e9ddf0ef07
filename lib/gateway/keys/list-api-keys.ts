import "server-only";
import { db } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { rolesWith } from "@/lib/workspaces/permissions";

export type ApiKeyStatus = "active" | "revoked" | "expired";

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  last4: string;
  /** Empty = every model. */
  models: string[];
  rpm: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  createdBy: { id: string; name: string | null; email: string | null };
  status: ApiKeyStatus;
};

type Row = Omit<ApiKeySummary, "createdBy" | "status"> & { creatorId: string; creatorName: string | null; creatorEmail: string | null };

/**
 * The keys of a workspace the caller may see, newest first: everyone's with "keys.manage_any" (admins, who may
 * revoke them), otherwise only the caller's own (members manage their own keys; a viewer sees the ones they made
 * before a demotion). The membership is part of the query, so another workspace's id returns nothing.
 */
export async function listApiKeys(caller: { userId: string }, unverifiedWorkspaceId: string): Promise<ApiKeySummary[]> {
  if (!isUuid(unverifiedWorkspaceId) || !isUuid(caller.userId)) return [];
  const rows = await db.$queryRaw<Row[]>`
    SELECT k.id, k.name, k.prefix, k.last4, k.models, k.rpm, k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt",
           k.last_used_at AS "lastUsedAt", k.created_at AS "createdAt",
           k.created_by_id AS "creatorId", u.name AS "creatorName", u.email AS "creatorEmail"
    FROM api_keys k
    JOIN memberships caller ON caller.workspace_id = k.workspace_id AND caller.user_id = ${caller.userId}::uuid
    LEFT JOIN users u ON u.id = k.created_by_id
    WHERE k.workspace_id = ${unverifiedWorkspaceId}::uuid
      AND (k.created_by_id = caller.user_id OR caller.role::text = ANY(${rolesWith("keys.manage_any")}::text[]))
    ORDER BY k.created_at DESC, k.id DESC`;
  const now = Date.now();
  return rows.map(({ creatorId, creatorName, creatorEmail, ...key }) => ({
    ...key,
    models: key.models ?? [],
    createdBy: { id: creatorId, name: creatorName, email: creatorEmail },
    status: key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt.getTime() <= now ? "expired" : "active",
  }));
}
