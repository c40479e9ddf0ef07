import "server-only";
import { getPool } from "@/lib/db/client";
import type { UsageScope } from "./get-usage-scope";
import { usageRecordsSql, type UsageRecordRow } from "./list-usage-records";
import type { UsageFilters } from "./schemas";
import { toCsvLine } from "./to-csv-line";

export const USAGE_CSV_COLUMNS = [
  "created_at", "member", "user_id", "api_key", "api_key_id", "source", "model", "status", "credits", "images",
  "prompt_tokens", "completion_tokens", "total_tokens", "latency_ms", "id",
] as const;

const values = (r: UsageRecordRow) => [
  r.createdAt, r.member, r.userId, r.keyName, r.apiKeyId, r.source, r.model, r.status, r.credits, r.images,
  r.promptTokens, r.completionTokens, r.totalTokens, r.latencyMs, r.id,
];

const PAGE = 1000;
const CHUNK_CHARS = 64 * 1024;

/**
 * The filtered records as CSV text chunks (header first, newest record first, exactly the table's rows), read in
 * keyset pages inside one read-only snapshot: memory stays at one page however long the export, and no record
 * is skipped or repeated while others are written meanwhile.
 */
export async function* streamUsageCsv(scope: UsageScope, filters: UsageFilters, range: { from: Date; to: Date }): AsyncGenerator<string> {
  const client = await getPool().connect();
  let failure: Error | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    let buffer = toCsvLine(USAGE_CSV_COLUMNS);
    let after: UsageRecordRow | undefined;
    for (;;) {
      const cursor = after ? { createdAt: after.createdAt, id: after.id } : null;
      const { rows } = await client.query<UsageRecordRow>(usageRecordsSql(scope, filters, range.from, range.to, cursor, PAGE));
      for (const row of rows) buffer += toCsvLine(values(row));
      if (buffer.length >= CHUNK_CHARS || rows.length < PAGE) {
        yield buffer;
        buffer = "";
      }
      if (rows.length < PAGE) return;
      after = rows.at(-1);
    }
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    // Also reached when the download is abandoned: end the snapshot before the connection goes back.
    if (!failure) await client.query("ROLLBACK").catch((error: Error) => (failure = error));
    client.release(failure);
  }
}
