import "server-only";
import { getPool } from "@/lib/db/client";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import type { UsageScope } from "./get-usage-scope";
import type { UsageFilters } from "./schemas";
import { encodeKeysetCursor, type KeysetCursor } from "@/lib/db/keyset-cursor";
import { recordsAfterSql, recordsWhereSql } from "./usage-sql";

export type UsageRecordRow = {
  id: string;
  createdAt: Date;
  userId: string;
  member: string;
  apiKeyId: string | null;
  keyName: string | null;
  source: "api" | "studio";
  model: string;
  status: string;
  credits: number;
  images: number;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  latencyMs: number | null;
};

/** The SELECT of usage records in the table's order, shared by the table and the CSV export. */
export function usageRecordsSql(scope: UsageScope, filters: UsageFilters, from: Date, to: Date, after: KeysetCursor | null, limit: number) {
  const p = new SqlParams();
  const where = recordsWhereSql(p, scope, filters, from, to) + (after ? recordsAfterSql(p, after) : "");
  const text = `
    SELECT u.id, u.created_at AS "createdAt", u.user_id AS "userId", COALESCE(us.name, us.email, 'Deleted') AS member,
           u.api_key_id AS "apiKeyId", k.name AS "keyName", u.source::text AS source, u.model, u.status::text AS status,
           u.credits, u.images, u.prompt_tokens AS "promptTokens", u.completion_tokens AS "completionTokens",
           u.total_tokens AS "totalTokens", u.latency_ms AS "latencyMs"
    FROM usage_records u
    LEFT JOIN users us ON us.id = u.user_id
    LEFT JOIN api_keys k ON k.id = u.api_key_id
    WHERE ${where}
    ORDER BY u.created_at DESC, u.id DESC
    LIMIT ${p.add(limit)}`;
  return { text, values: p.values };
}

export const USAGE_PAGE_SIZE = 50;

/** One page of the caller's visible usage records, newest first, and the cursor of the next (older) page. */
export async function listUsageRecords(
  scope: UsageScope,
  filters: UsageFilters,
  range: { from: Date; to: Date },
  after: KeysetCursor | null,
): Promise<{ rows: UsageRecordRow[]; nextCursor: string | null }> {
  const { rows } = await getPool().query<UsageRecordRow>(usageRecordsSql(scope, filters, range.from, range.to, after, USAGE_PAGE_SIZE + 1));
  const page = rows.slice(0, USAGE_PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > USAGE_PAGE_SIZE && last ? encodeKeysetCursor({ createdAt: last.createdAt, id: last.id }) : null };
}
