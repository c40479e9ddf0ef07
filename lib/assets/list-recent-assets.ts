import "server-only";
import { getPool } from "@/lib/db/client";
import { RECENT_ASSET_COLUMNS, toRecentAsset, type AssetRow, type RecentAsset } from "./recent-asset";

/**
 * The workspace's newest images (uploads and results), for the studio's image picker. The caller's membership
 * is part of the query: another workspace's images are simply not there.
 */
export async function listRecentAssets(caller: { userId: string; workspaceId: string }, options: { limit?: number } = {}): Promise<RecentAsset[]> {
  const { rows } = await getPool().query<AssetRow>(
    `SELECT ${RECENT_ASSET_COLUMNS}
       FROM assets a JOIN memberships m ON m.workspace_id = a.workspace_id AND m.user_id = $1
      WHERE a.workspace_id = $2
      ORDER BY a.created_at DESC, a.id DESC
      LIMIT $3`,
    [caller.userId, caller.workspaceId, Math.min(Math.max(options.limit ?? 60, 1), 200)],
  );
  return rows.map(toRecentAsset);
}
