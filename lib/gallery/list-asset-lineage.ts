import "server-only";
import { getPool } from "@/lib/db/client";
import { ASSET_SUMMARY_COLUMNS, toAssetSummary, type AssetSummary } from "./asset-summary";

export type LineageEntry = AssetSummary & { depth: number };
export type AssetLineage = { ancestors: LineageEntry[]; descendants: LineageEntry[] };

// Edits of edits rarely go deeper than a handful of steps; the bounds keep a page that shows one image cheap
// even when an upload fed thousands of edits.
export const LINEAGE_MAX_DEPTH = 8;
export const LINEAGE_MAX_SHOWN = 48;

type Row = Omit<LineageEntry, "thumbUrl"> & { relation: "ancestor" | "descendant" };

/**
 * Where an image came from and what was made from it, nearest first. Ancestors: the inputs of the job that
 * produced it, their producing jobs' inputs, and so on upwards; descendants: the outputs of jobs that used it
 * as input, and so on downwards. Both walks are recursive CTEs in one statement, bounded in depth; images
 * since deleted end their branch. Only for an asset already found through the caller's membership.
 */
export async function listAssetLineage(verified: { assetId: string; workspaceId: string }): Promise<AssetLineage> {
  const { rows } = await getPool().query<Row>(
    `WITH RECURSIVE
     ancestors(asset_id, depth) AS (
       SELECT ji.asset_id, 1 FROM assets s JOIN job_inputs ji ON ji.job_id = s.job_id WHERE s.id = $1
       UNION
       SELECT ji.asset_id, up.depth + 1
         FROM ancestors up JOIN assets p ON p.id = up.asset_id JOIN job_inputs ji ON ji.job_id = p.job_id
        WHERE up.depth < $3
     ),
     descendants(asset_id, depth) AS (
       SELECT c.id, 1 FROM job_inputs ji JOIN assets c ON c.job_id = ji.job_id WHERE ji.asset_id = $1
       UNION
       SELECT c.id, down.depth + 1
         FROM descendants down JOIN job_inputs ji ON ji.asset_id = down.asset_id JOIN assets c ON c.job_id = ji.job_id
        WHERE down.depth < $3
     ),
     nearest AS (
       SELECT 'ancestor' AS relation, asset_id, min(depth) AS depth FROM ancestors GROUP BY asset_id
       UNION ALL
       SELECT 'descendant', asset_id, min(depth) FROM descendants GROUP BY asset_id
     ),
     ranked AS (
       SELECT n.relation, n.depth, ${ASSET_SUMMARY_COLUMNS},
              row_number() OVER (PARTITION BY n.relation ORDER BY n.depth, a.created_at, a.id) AS rank
         FROM nearest n JOIN assets a ON a.id = n.asset_id AND a.workspace_id = $2
        WHERE a.id <> $1
     )
     SELECT relation, depth, id, width, height, kind, model, "createdAt" FROM ranked WHERE rank <= $4
      ORDER BY relation, rank`,
    [verified.assetId, verified.workspaceId, LINEAGE_MAX_DEPTH, LINEAGE_MAX_SHOWN],
  );
  const pick = (relation: Row["relation"]) =>
    rows.filter((r) => r.relation === relation).map(({ relation: _relation, ...row }) => toAssetSummary(row));
  return { ancestors: pick("ancestor"), descendants: pick("descendant") };
}
