/** What the studio shows of an image: enough for a thumbnail, its label and its order. Browser-safe. */
export type RecentAsset = {
  id: string;
  width: number;
  height: number;
  kind: "upload" | "result";
  /** The uploaded file's name; null for results. */
  name: string | null;
  /** ISO 8601. */
  createdAt: string;
};

export type AssetRow = { id: string; width: number; height: number; kind: "upload" | "result"; name: string | null; created_at: Date };

export const RECENT_ASSET_COLUMNS = `a.id::text AS id, a.width, a.height, a.kind::text AS kind, a.original_name AS name, a.created_at`;

export function toRecentAsset(row: AssetRow): RecentAsset {
  return { id: row.id, width: row.width, height: row.height, kind: row.kind, name: row.name, createdAt: row.created_at.toISOString() };
}
