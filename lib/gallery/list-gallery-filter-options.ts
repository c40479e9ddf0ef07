import "server-only";
import { getPool } from "@/lib/db/client";
import { memberWorkspaceIdSql, SqlParams } from "./gallery-sql";

export type GalleryFilterOptions = {
  models: { id: string; name: string }[];
  creators: { id: string; name: string }[];
};

/**
 * What the gallery can be filtered by, for a member of the workspace: the models its images came from and its
 * members. The models are read by a skip scan over (workspace_id, model, created_at): one index probe per
 * distinct model, not a pass over every image (the workspace id must be a scalar subquery, not a join, for the
 * planner to seek with it: 0.1 ms instead of 380 ms on 100,000 images).
 */
export async function listGalleryFilterOptions(caller: { userId: string }, unverifiedWorkspaceSlug: string): Promise<GalleryFilterOptions> {
  const params = new SqlParams();
  const sql = `
    WITH RECURSIVE ws AS (SELECT ${memberWorkspaceIdSql(params, caller, unverifiedWorkspaceSlug)} AS id),
    models AS (
      (SELECT a.model FROM assets a WHERE a.workspace_id = (SELECT id FROM ws) AND a.model IS NOT NULL ORDER BY a.model LIMIT 1)
      UNION ALL
      SELECT (SELECT a.model FROM assets a WHERE a.workspace_id = (SELECT id FROM ws) AND a.model > models.model ORDER BY a.model LIMIT 1)
        FROM models WHERE models.model IS NOT NULL
    )
    SELECT 'model' AS type, models.model AS id, COALESCE(md.display_name, models.model) AS name
      FROM models LEFT JOIN public.models md ON md.id = models.model WHERE models.model IS NOT NULL
    UNION ALL
    SELECT 'creator', u.id::text, COALESCE(u.name, u.email)
      FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.workspace_id = (SELECT id FROM ws)`;
  const { rows } = await getPool().query<{ type: "model" | "creator"; id: string; name: string }>(sql, params.values);
  return {
    models: rows
      .filter((r) => r.type === "model")
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    creators: rows
      .filter((r) => r.type === "creator")
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
