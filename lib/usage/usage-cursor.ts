import { isUuid } from "@/lib/db/is-uuid";

// The table's order is (created_at DESC, id DESC); a cursor is the last row's pair, opaque to clients. Timestamps
// are stored with millisecond precision, what a JS Date holds, so a cursor never rounds past a row.
export type UsageCursor = { createdAt: Date; id: string };

export function encodeUsageCursor(cursor: UsageCursor): string {
  return Buffer.from(`${cursor.createdAt.getTime()}.${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor, or null for anything that isn't one (a tampered or truncated link). */
export function decodeUsageCursor(value: string): UsageCursor | null {
  if (value.length > 80) return null;
  const text = Buffer.from(value, "base64url").toString("utf8");
  const match = /^(\d{1,15})\.(.+)$/.exec(text);
  if (!match || !isUuid(match[2]!)) return null;
  const createdAt = new Date(Number(match[1]));
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2]!.toLowerCase() };
}
