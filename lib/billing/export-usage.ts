import "server-only";
import type pg from "pg";
import { db, getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { usageExportPageSql, type UsageExportFormat } from "./usage-export-page-sql";

export { USAGE_EXPORT_FIELDS, type UsageExportRow } from "./usage-export-fields";
export type { UsageExportFormat } from "./usage-export-page-sql";

export type UsageExportFilter = {
  workspaceSlug?: string;
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
  batchSize?: number;
};

// Rows per page: the page's text (about 100 KB of CSV, 110 KB of JSON) is one string, small enough to be
// allocated in the young generation and to die there.
export const EXPORT_PAGE_ROWS = 250;

/** One page: its text (CSV lines, or JSON objects joined by ",\n") and how many records it holds. */
export type UsageExportPage = { rows: number; text: string };

type PageRow = { text: string | null; rows: number; last_at: Date | null; last_id: string | null };

async function* readPages(client: pg.PoolClient, sql: string, workspaceId: string | null, filter: UsageExportFilter, batchSize: number) {
  let after: [Date, string] | null = null;
  for (;;) {
    const { rows }: pg.QueryResult<PageRow> = await client.query<PageRow>(sql, [
      workspaceId, filter.since ?? null, filter.until ?? null, after?.[0] ?? null, after?.[1] ?? null, batchSize,
    ]);
    const page: PageRow = rows[0]!;
    if (page.rows === 0) return;
    after = [page.last_at!, page.last_id!];
    yield { rows: page.rows, text: page.text! } satisfies UsageExportPage;
    if (page.rows < batchSize) return;
  }
}

// One read-only snapshot for the whole export, so pages never skip or repeat a record that changes meanwhile.
async function* streamUsage(workspaceId: string | null, filter: UsageExportFilter, format: UsageExportFormat): AsyncGenerator<UsageExportPage> {
  const client = await getPool().connect();
  let failure: Error | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    yield* readPages(client, usageExportPageSql(format), workspaceId, filter, filter.batchSize ?? EXPORT_PAGE_ROWS);
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    // Also reached when the consumer stops early: end the snapshot before the connection goes back.
    if (!failure) await client.query("ROLLBACK").catch((error: Error) => (failure = error));
    client.release(failure);
  }
}

/**
 * Usage records oldest first (since inclusive, until exclusive), optionally of one workspace, as keyset pages of
 * `batchSize` records formatted by the database (usageExportPageSql; never an empty page): the next page is read
 * only when the consumer asks for more, so memory holds a page however long the export, and no record becomes a
 * JavaScript object. formatUsageExport adds the header or brackets. The admin console's download and
 * `usage:export` both read through here. Resolves once the filter is checked (unknown workspace: not_found),
 * before any row is read.
 */
export async function exportUsage(filter: UsageExportFilter, format: UsageExportFormat): Promise<AsyncIterable<UsageExportPage>> {
  if (filter.since && filter.until && filter.since.getTime() >= filter.until.getTime()) {
    throw new AppError("invalid_input", "since must be earlier than until");
  }
  let workspaceId: string | null = null;
  if (filter.workspaceSlug !== undefined) {
    const slug = filter.workspaceSlug.trim().toLowerCase();
    const workspace = await db.workspace.findUnique({ where: { slug }, select: { id: true } });
    if (!workspace) throw new AppError("not_found", `No workspace with slug ${slug}`);
    workspaceId = workspace.id;
  }
  return streamUsage(workspaceId, filter, format);
}
