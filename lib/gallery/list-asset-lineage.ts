import "server-only";
import { getPool } from "@/lib/db/client";
import { ASSET_SUMMARY_COLUMNS, toAssetSummary, type AssetSummary } from "./asset-summary";
import { realSourceSql } from "./real-source-sql";

/** An image of the lineage: how far from the current one, which way, and what made it. */
export type LineageEntry = AssetSummary & { depth: number; relation: "ancestor" | "descendant"; prompt: string | null; modelName: string | null };
/** `parentId` was a real source of `childId`. */
export type LineageEdge = { parentId: string; childId: string };
/** Ancestors and descendants nearest first (then oldest first), and the edges between them and the image. */
export type AssetLineage = { ancestors: LineageEntry[]; descendants: LineageEntry[]; edges: LineageEdge[] };

// Edits of edits rarely go deeper than a handful of steps; the bounds keep a page that shows one image cheap
// even when an upload fed thousands of edits.
export const LINEAGE_MAX_DEPTH = 8;
export const LINEAGE_MAX_SHOWN = 48;

type EdgeRow = { relation: "ancestor" | "descendant"; parentId: string; childId: string; depth: number };
type NodeRow = Omit<LineageEntry, "thumbUrl" | "relation" | "depth">;

/**
 * Where an image came from and what was made from it, as parent → child edges: upwards, the real sources of the
 * image (realSourceSql: for the offline model, the one input each result was made from), theirs, and so on;
 * downwards, the results that had it as a real source, and theirs. Recursive CTEs bounded in depth and count;
 * images since deleted end their branch. Only for an asset already found through the caller's membership.
 */
export async function listAssetLineage(verified: { assetId: string; workspaceId: string }): Promise<AssetLineage> {
  const pool = getPool();
  const { rows: edgeRows } = await pool.query<EdgeRow>(
    `WITH RECURSIVE
     up(parent_id, child_id, depth) AS (
       SELECT ji.asset_id, c.id, 1 FROM assets c JOIN job_inputs ji ON ji.job_id = c.job_id
        WHERE c.id = $1 AND ${realSourceSql("c", "ji")}
       UNION
       SELECT ji.asset_id, c.id, up.depth + 1
         FROM up JOIN assets c ON c.id = up.parent_id JOIN job_inputs ji ON ji.job_id = c.job_id
        WHERE up.depth < $2 AND ${realSourceSql("c", "ji")}
     ),
     down(parent_id, child_id, depth) AS (
       SELECT ji.asset_id, c.id, 1 FROM job_inputs ji JOIN assets c ON c.job_id = ji.job_id
        WHERE ji.asset_id = $1 AND ${realSourceSql("c", "ji")}
       UNION
       SELECT ji.asset_id, c.id, down.depth + 1
         FROM down JOIN job_inputs ji ON ji.asset_id = down.child_id JOIN assets c ON c.job_id = ji.job_id
        WHERE down.depth < $2 AND ${realSourceSql("c", "ji")}
     )
     (SELECT 'ancestor' AS relation, parent_id AS "parentId", child_id AS "childId", depth FROM up ORDER BY depth LIMIT $3)
     UNION ALL
     (SELECT 'descendant', parent_id, child_id, depth FROM down ORDER BY depth LIMIT $3)`,
    [verified.assetId, LINEAGE_MAX_DEPTH, LINEAGE_MAX_SHOWN],
  );
  const place = new Map<string, { relation: EdgeRow["relation"]; depth: number }>();
  for (const e of edgeRows) {
    const id = e.relation === "ancestor" ? e.parentId : e.childId;
    if (id !== verified.assetId && !place.has(id)) place.set(id, { relation: e.relation, depth: e.depth });
  }
  if (!place.size) return { ancestors: [], descendants: [], edges: [] };
  const { rows: nodeRows } = await pool.query<NodeRow>(
    `SELECT ${ASSET_SUMMARY_COLUMNS}, j.prompt, COALESCE(m.display_name, a.model) AS "modelName"
       FROM assets a LEFT JOIN edit_jobs j ON j.id = a.job_id LEFT JOIN models m ON m.id = a.model
      WHERE a.id = ANY($1::uuid[]) AND a.workspace_id = $2`,
    [[...place.keys()], verified.workspaceId],
  );
  const nodes = nodeRows.map((row) => ({ ...toAssetSummary(row), ...place.get(row.id)! }));
  // A deleted image is gone from the nodes; edges keep only images that still exist (and the current one).
  const present = new Set([verified.assetId, ...nodes.map((n) => n.id)]);
  const edges = edgeRows.filter((e) => present.has(e.parentId) && present.has(e.childId)).map(({ parentId, childId }) => ({ parentId, childId }));
  nodes.sort((a, b) => a.depth - b.depth || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return { ancestors: nodes.filter((n) => n.relation === "ancestor"), descendants: nodes.filter((n) => n.relation === "descendant"), edges };
}
