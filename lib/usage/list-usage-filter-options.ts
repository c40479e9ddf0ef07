import "server-only";
import { getPool } from "@/lib/db/client";
import type { UsageScope } from "./get-usage-scope";

export type UsageFilterOptions = {
  members: { id: string; name: string }[];
  models: string[];
  keys: { id: string; name: string }[];
};

/**
 * What the caller may filter by: the members (only themselves without usage.view_all), the catalog's models,
 * and the workspace's API keys (only their own without usage.view_all).
 */
export async function listUsageFilterOptions(scope: UsageScope): Promise<UsageFilterOptions> {
  const sql = `
    SELECT 'member' AS type, u.id::text AS id, COALESCE(u.name, u.email) AS name
      FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.workspace_id = $1::uuid AND ($2::uuid IS NULL OR m.user_id = $2::uuid)
    UNION ALL
    SELECT 'model', id, id FROM models
    UNION ALL
    SELECT 'key', k.id::text, k.name || ' (' || k.prefix || '…' || k.last4 || ')'
      FROM api_keys k JOIN memberships m ON m.id = k.membership_id
     WHERE k.workspace_id = $1::uuid AND ($2::uuid IS NULL OR m.user_id = $2::uuid)`;
  const { rows } = await getPool().query<{ type: string; id: string; name: string }>(sql, [scope.workspaceId, scope.onlyUserId]);
  const pick = (type: string) =>
    rows.filter((r) => r.type === type).map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  return { members: pick("member"), models: pick("model").map((m) => m.id), keys: pick("key") };
}
