import type { KeysetCursor } from "@/lib/db/keyset-cursor";
import type { GalleryFilters } from "./schemas";

/** Positional parameters for node-postgres, numbered as they are added. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The workspace of `slug`, only when `userId` is a member: a scalar subquery, so the planner evaluates it once
 * and walks the assets index with the id. Not a member → NULL → no rows.
 */
export function memberWorkspaceIdSql(params: SqlParams, caller: { userId: string }, unverifiedSlug: string): string {
  return `(SELECT m.workspace_id FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
            WHERE w.slug = ${params.add(unverifiedSlug.toLowerCase())} AND m.user_id = ${params.add(caller.userId)}::uuid)`;
}

/** `text` as an ILIKE pattern matching it anywhere, its own % and _ taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The filters as `AND …` conditions on `assets a`; dates are whole UTC days, `to` included. `q` matches every
 * word, each anywhere in the prompt of the edit that made the image or in its file name. (A scan within the
 * workspace's newest-first walk: fine at gallery sizes; a trigram index is the step if searches get slow.)
 */
export function galleryFilterSql(params: SqlParams, filters: GalleryFilters): string {
  const parts: string[] = [];
  for (const word of (filters.q ?? "").split(" ").filter(Boolean).slice(0, 8)) {
    const pattern = params.add(containing(word));
    parts.push(`(a.original_name ILIKE ${pattern} OR EXISTS (SELECT 1 FROM edit_jobs qj WHERE qj.id = a.job_id AND qj.prompt ILIKE ${pattern}))`);
  }
  if (filters.kind) parts.push(`a.kind = ${params.add(filters.kind)}::"AssetKind"`);
  if (filters.model) parts.push(`a.model = ${params.add(filters.model)}`);
  if (filters.creatorId) parts.push(`a.created_by_id = ${params.add(filters.creatorId)}::uuid`);
  if (filters.from) parts.push(`a.created_at >= ${params.add(filters.from)}::date::timestamp AT TIME ZONE 'UTC'`);
  if (filters.to) parts.push(`a.created_at < (${params.add(filters.to)}::date + 1)::timestamp AT TIME ZONE 'UTC'`);
  return parts.map((p) => ` AND ${p}`).join("");
}

/** Rows strictly after `cursor` in the gallery order (older), or strictly before it (newer). */
export function galleryCursorSql(params: SqlParams, cursor: KeysetCursor, direction: "older" | "newer"): string {
  const op = direction === "older" ? "<" : ">";
  return ` AND (a.created_at, a.id) ${op} (${params.add(cursor.createdAt)}::timestamptz, ${params.add(cursor.id)}::uuid)`;
}
