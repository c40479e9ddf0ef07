import "server-only";
import { getPool } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { RECENT_ASSET_COLUMNS, toRecentAsset, type AssetRow, type RecentAsset } from "./recent-asset";

/**
 * The images with these ids that belong to the workspace, in the order asked for (duplicates dropped), for
 * links that preload the studio ("edit again"). An id of another workspace, or of no image, is left out,
 * exactly as if it did not exist.
 */
export async function findMemberAssets(
  caller: { userId: string; workspaceId: string },
  unverifiedAssetIds: readonly string[],
): Promise<RecentAsset[]> {
  const ids = [...new Set(unverifiedAssetIds.filter(isUuid).map((id) => id.toLowerCase()))].slice(0, 50);
  if (ids.length === 0) return [];
  const { rows } = await getPool().query<AssetRow>(
    `SELECT ${RECENT_ASSET_COLUMNS}
       FROM assets a JOIN memberships m ON m.workspace_id = a.workspace_id AND m.user_id = $1
      WHERE a.workspace_id = $2 AND a.id = ANY($3::uuid[])`,
    [caller.userId, caller.workspaceId, ids],
  );
  const byId = new Map(rows.map((row) => [row.id, toRecentAsset(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
