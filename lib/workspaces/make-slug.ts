import { randomBytes } from "node:crypto";
import { isReservedSlug } from "./reserved-slugs";

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** A URL-safe base slug from a display name or an email's local part. */
export function slugify(source: string): string {
  const base = source
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/g, "");
  return base.length >= 2 ? base : `workspace${base ? `-${base}` : ""}`;
}

/** Candidates in order: the base (unless reserved), then the base with a random suffix. */
export function slugCandidates(source: string, count = 5): string[] {
  const base = slugify(source);
  const out: string[] = isReservedSlug(base) ? [] : [base];
  while (out.length < count) out.push(`${base}-${randomBytes(3).toString("hex")}`);
  return out;
}
