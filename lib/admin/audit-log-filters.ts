import { z } from "zod";

const optionalText = (max: number) =>
  z.string().trim().max(max, `At most ${max} characters`).optional().transform((v) => v || undefined);

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), "Enter a date and time")
  // A datetime-local value has no zone: the page says UTC, so read it as UTC whatever the server's zone.
  .transform((v) => (v === undefined ? undefined : new Date(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v) ? `${v}Z` : v)));

/** The audit page's query string: who, which workspace, which action, a time range and the keyset cursor. */
export const auditLogFilterSchema = z.object({
  actor: optionalText(320),
  workspace: optionalText(100),
  action: optionalText(100),
  from: optionalDate,
  to: optionalDate,
  cursor: optionalText(200),
});

export type AuditLogFilters = z.infer<typeof auditLogFilterSchema>;

/** Opaque position after a row: its time and id (ids are unique, so no row is skipped or repeated). */
export function encodeAuditCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeAuditCursor(cursor: string | undefined): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  if (Number.isNaN(createdAt.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { createdAt, id };
}
