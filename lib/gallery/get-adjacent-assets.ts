import "server-only";
import { getPool } from "@/lib/db/client";
import { galleryCursorSql, galleryFilterSql, SqlParams } from "./gallery-sql";
import type { GalleryFilters } from "./schemas";

export type AdjacentAssets = { newer: string | null; older: string | null };

/**
 * The images just before and after `asset` in the gallery's order under the same filters (what ← and → step
 * to in the detail view): two one-row index seeks, for a member of the workspace only.
 */
export async function getAdjacentAssets(
  caller: { userId: string },
  asset: { id: string; workspaceId: string; createdAt: Date },
  filters: GalleryFilters,
): Promise<AdjacentAssets> {
  const seek = async (direction: "newer" | "older") => {
    const params = new SqlParams();
    const order = direction === "older" ? "DESC" : "ASC";
    const sql = `
      SELECT a.id FROM assets a
       WHERE a.workspace_id = (SELECT m.workspace_id FROM memberships m
                                WHERE m.workspace_id = ${params.add(asset.workspaceId)}::uuid AND m.user_id = ${params.add(caller.userId)}::uuid)
             ${galleryFilterSql(params, filters)}${galleryCursorSql(params, asset, direction)}
       ORDER BY a.created_at ${order}, a.id ${order} LIMIT 1`;
    const { rows } = await getPool().query<{ id: string }>(sql, params.values);
    return rows[0]?.id ?? null;
  };
  const [newer, older] = await Promise.all([seek("newer"), seek("older")]);
  return { newer, older };
}
