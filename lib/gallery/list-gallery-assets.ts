import "server-only";
import { getPool } from "@/lib/db/client";
import type { AssetKind } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/db/keyset-cursor";
import { galleryCursorSql, galleryFilterSql, memberWorkspaceIdSql, SqlParams } from "./gallery-sql";
import { thumbUrl } from "./gallery-urls";
import type { GalleryFilters } from "./schemas";

export type GalleryItem = {
  id: string;
  thumbUrl: string;
  width: number;
  height: number;
  kind: AssetKind;
  model: string | null;
  /** The catalog's name for `model` (the id when the model has left the catalog). */
  modelName: string | null;
  /** The prompt of the edit that made a result; null for uploads. */
  prompt: string | null;
  originalName: string | null;
  createdAt: Date;
  creatorId: string | null;
  creatorName: string | null;
};

export type GalleryPage = { items: GalleryItem[]; nextCursor: string | null };

/** `cursor`: the opaque nextCursor of the page before. */
export type ListGalleryOptions = GalleryFilters & { cursor?: string; limit?: number };

export const GALLERY_PAGE_SIZE = 48;

type Row = Omit<GalleryItem, "thumbUrl">;

/**
 * One page of a workspace's images, newest first, for a member of it (another workspace's slug is an empty
 * gallery). Keyset pagination on (created_at DESC, id DESC): one indexed seek per page however deep, and no
 * duplicates or gaps when rows share a timestamp or new ones arrive meanwhile.
 */
export async function listGalleryAssets(
  caller: { userId: string },
  unverifiedWorkspaceSlug: string,
  { cursor, limit = GALLERY_PAGE_SIZE, ...filters }: ListGalleryOptions = {},
): Promise<GalleryPage> {
  const after = cursor ? decodeKeysetCursor(cursor) : null;
  if (cursor && !after) throw new AppError("invalid_input", "That page link is broken: start from the first page.", { field: "cursor" });
  const size = Math.min(Math.max(1, Math.trunc(limit)), 200);
  const params = new SqlParams();
  const sql = `
    SELECT a.id, a.width, a.height, a.kind, a.model, COALESCE(md.display_name, a.model) AS "modelName", j.prompt,
           a.original_name AS "originalName", a.created_at AS "createdAt",
           a.created_by_id AS "creatorId", COALESCE(u.name, u.email) AS "creatorName"
      FROM assets a
      LEFT JOIN users u ON u.id = a.created_by_id
      LEFT JOIN edit_jobs j ON j.id = a.job_id
      LEFT JOIN models md ON md.id = a.model
     WHERE a.workspace_id = ${memberWorkspaceIdSql(params, caller, unverifiedWorkspaceSlug)}
           ${galleryFilterSql(params, filters)}${after ? galleryCursorSql(params, after, "older") : ""}
     ORDER BY a.created_at DESC, a.id DESC
     LIMIT ${params.add(size + 1)}`;
  const { rows } = await getPool().query<Row>(sql, params.values);
  // One extra row says whether another page exists without a count.
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...row, thumbUrl: thumbUrl(row.id) })),
    nextCursor: rows.length > size && last ? encodeKeysetCursor(last) : null,
  };
}
