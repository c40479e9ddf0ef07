import { isUuid } from "@/lib/db/is-uuid";

// Lists ordered by (created_at DESC, id DESC) (the gallery, the usage table) page by the last row's pair, opaque to
// clients so the order can change without breaking links. Timestamps are stored with millisecond precision,
// exactly what a JS Date holds, so a cursor never rounds past a row.

export type KeysetCursor = { createdAt: Date; id: string };

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.createdAt.getTime()}.${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor, or null for anything that isn't one (a tampered or truncated link). */
export function decodeKeysetCursor(value: string): KeysetCursor | null {
  if (value.length > 80) return null;
  const text = Buffer.from(value, "base64url").toString("utf8");
  const match = /^(\d{1,15})\.(.+)$/.exec(text);
  if (!match || !isUuid(match[2]!)) return null;
  const createdAt = new Date(Number(match[1]));
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2]!.toLowerCase() };
}
