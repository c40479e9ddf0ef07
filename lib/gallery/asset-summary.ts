import type { AssetKind } from "@/lib/db/generated/client";
import { thumbUrl } from "./gallery-urls";

/** An image as a thumbnail one click away (lineage, inputs, outputs). */
export type AssetSummary = { id: string; thumbUrl: string; width: number; height: number; kind: AssetKind; model: string | null; createdAt: Date };

/** Columns of `assets a` for an AssetSummary (node-postgres row shape). */
export const ASSET_SUMMARY_COLUMNS = `a.id, a.width, a.height, a.kind, a.model, a.created_at AS "createdAt"`;

export function toAssetSummary<T extends Omit<AssetSummary, "thumbUrl">>(row: T): T & AssetSummary {
  return { ...row, thumbUrl: thumbUrl(row.id) };
}
