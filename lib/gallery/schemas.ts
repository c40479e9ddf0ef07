import { z } from "zod";
import { isUuid } from "@/lib/db/is-uuid";
import { decodeKeysetCursor } from "@/lib/db/keyset-cursor";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Filters arrive from links people share and edit by hand: a value that doesn't parse is dropped (the
// gallery shows more, never an error page), and the filter form shows which filters are in force.
const lenient = (check: (v: string) => string | null) =>
  z
    .unknown()
    .transform((v) => (typeof v === "string" && v.trim() ? check(v.trim()) : null) ?? undefined)
    .optional();

function day(v: string): string | null {
  if (!DATE.test(v)) return null;
  const date = new Date(`${v}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== v ? null : v;
}

/**
 * Gallery filters from search parameters: `q` (words of the prompt or file name), `kind` (upload | result),
 * `model`, `creator` (a user id), `from` and `to` (UTC days, inclusive).
 */
export const galleryFiltersSchema = z
  .object({
    q: lenient((v) => v.replace(/\s+/g, " ").slice(0, 200)),
    kind: lenient((v) => (v === "upload" || v === "result" ? v : null)),
    model: lenient((v) => (v.length <= 200 ? v : null)),
    creator: lenient((v) => (isUuid(v) ? v.toLowerCase() : null)),
    from: lenient(day),
    to: lenient(day),
  })
  .transform(({ creator, ...rest }) => ({ ...rest, creatorId: creator }));

/** The filters plus the opaque `cursor` of a later page (dropped when it isn't one). */
export const gallerySearchSchema = z
  .object({ cursor: lenient((v) => (decodeKeysetCursor(v) ? v : null)) })
  .and(galleryFiltersSchema);

export type GalleryFilters = Partial<z.infer<typeof galleryFiltersSchema>>;
export type GallerySearch = Partial<z.infer<typeof gallerySearchSchema>>;

/** The first value of each search parameter (Next gives arrays for repeated ones). */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** The filters as a query string (no leading "?"), for links that keep them. */
export function filtersQuery(filters: GalleryFilters): string {
  const query = new URLSearchParams();
  if (filters.q) query.set("q", filters.q);
  if (filters.kind) query.set("kind", filters.kind);
  if (filters.model) query.set("model", filters.model);
  if (filters.creatorId) query.set("creator", filters.creatorId);
  if (filters.from) query.set("from", filters.from);
  if (filters.to) query.set("to", filters.to);
  return query.toString();
}

/** The delete form: the workspace slug it was rendered for and the selected image ids. */
export const deleteAssetsSchema = z.object({
  workspace: z.string().min(1).max(64),
  ids: z.array(z.string().uuid("Not an image id")).min(1, "Select at least one image.").max(200, "Delete at most 200 images at once."),
});
