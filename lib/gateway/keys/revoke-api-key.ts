import "server-only";
import { getPool } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { API_KEYS_CHANNEL } from "./create-api-key-resolver";
import { invalidateCachedApiKey } from "./resolve-api-key";

export type RevokeApiKeyInput = {
  id: string;
  /** Only a key of this workspace (a caller's verified workspace); absent = any (the CLI). */
  workspaceId?: string;
  /** Only a key this user created (members revoking their own keys). */
  createdById?: string;
  actorId?: string | null;
};

// One statement: revoke (only once), audit, and NOTIFY every instance, which PostgreSQL delivers on commit.
const REVOKE = `
  WITH revoked AS (
    UPDATE api_keys SET revoked_at = now()
    WHERE id = $1::uuid AND revoked_at IS NULL
      AND ($2::uuid IS NULL OR workspace_id = $2::uuid) AND ($3::uuid IS NULL OR created_by_id = $3::uuid)
    RETURNING id, hash, workspace_id
  ), audit AS (
    INSERT INTO audit_logs (id, actor_id, workspace_id, action, target)
    SELECT gen_random_uuid(), $4::uuid, workspace_id, 'api_key.revoked', id::text FROM revoked
  )
  SELECT hash, pg_notify('${API_KEYS_CHANNEL}', hash)::text AS notified FROM revoked`;

const EXISTS = `
  SELECT 1 FROM api_keys
  WHERE id = $1::uuid AND ($2::uuid IS NULL OR workspace_id = $2::uuid) AND ($3::uuid IS NULL OR created_by_id = $3::uuid)`;

/**
 * Revokes a key everywhere: this process forgets it at once, the others on the NOTIFY. Revoking a revoked
 * key changes nothing (`revoked: false`); a key that doesn't exist within the given scope is not_found.
 */
export async function revokeApiKey(input: RevokeApiKeyInput): Promise<{ revoked: boolean }> {
  if (!isUuid(input.id)) throw new AppError("not_found", "API key not found");
  const scope = [input.id, input.workspaceId ?? null, input.createdById ?? null];
  const pool = getPool();
  const { rows } = await pool.query<{ hash: string }>(REVOKE, [...scope, input.actorId ?? null]);
  if (rows[0]) {
    invalidateCachedApiKey(rows[0].hash);
    return { revoked: true };
  }
  const existing = await pool.query(EXISTS, scope);
  if (!existing.rowCount) throw new AppError("not_found", "API key not found");
  return { revoked: false };
}
