import "server-only";
import { getPool } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { objectKeyExtension } from "@/lib/storage/make-object-key";
import { memberWorkspaceIdSql, SqlParams } from "./gallery-sql";
import { zipEntryNames } from "./zip-entry-names";

export const ZIP_MAX_ASSETS = 200;
// The archive is written without ZIP64, whose 4 GiB limits this stays well inside.
export const ZIP_MAX_BYTES = 2 * 1024 ** 3;

export type ZipAsset = { id: string; storageKey: string; bytes: number; createdAt: Date; name: string };

type Row = { id: string; storageKey: string; bytes: number; createdAt: Date; originalName: string | null; model: string | null };

/**
 * The originals to put in a ZIP, in the order asked, each with its unique file name; null unless every id is
 * an image of this workspace and the caller is a member of it (one foreign or missing id refuses the lot).
 */
export async function listZipAssets(caller: { userId: string }, unverifiedWorkspaceSlug: string, unverifiedIds: string[]): Promise<ZipAsset[] | null> {
  const ids = [...new Set(unverifiedIds.map((id) => id.toLowerCase()))];
  if (ids.length === 0 || !ids.every(isUuid)) return null;
  const params = new SqlParams();
  const idsParam = params.add(ids);
  const { rows } = await getPool().query<Row>(
    `SELECT a.id, a.storage_key AS "storageKey", a.bytes, a.created_at AS "createdAt", a.original_name AS "originalName", a.model
       FROM assets a
      WHERE a.workspace_id = ${memberWorkspaceIdSql(params, caller, unverifiedWorkspaceSlug)} AND a.id = ANY(${idsParam}::uuid[])`,
    params.values,
  );
  if (rows.length !== ids.length) return null;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.map((id) => byId.get(id)!);
  const names = zipEntryNames(ordered.map((r) => ({ ...r, extension: objectKeyExtension(r.storageKey) })));
  return ordered.map(({ id, storageKey, bytes, createdAt }, i) => ({ id, storageKey, bytes, createdAt, name: names[i]! }));
}
