import "server-only";
import type pg from "pg";
import { db, getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/** The columns of a usage export, in order (CSV header and JSON keys). */
export const USAGE_EXPORT_FIELDS = [
  "id", "request_id", "created_at", "workspace", "user_id", "api_key_id", "source", "model", "status",
  "prompt_tokens", "completion_tokens", "total_tokens", "usage_source", "images", "credits", "overage",
  "latency_ms", "upstream_id", "prompt",
] as const;

export type UsageExportRow = {
  id: string;
  request_id: string;
  /** ISO 8601, UTC. */
  created_at: string;
  /** The workspace's slug. */
  workspace: string | null;
  user_id: string;
  api_key_id: string | null;
  source: string;
  model: string;
  status: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  usage_source: string | null;
  images: number;
  credits: number;
  overage: boolean;
  latency_ms: number | null;
  upstream_id: string | null;
  /** A studio edit's prompt (what the person typed); null for API calls, whose payloads are never stored. */
  prompt: string | null;
};

export type UsageExportFilter = {
  workspaceSlug?: string;
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
  batchSize?: number;
};

type Row = Omit<UsageExportRow, "created_at"> & { created_at: Date };

// Rows per page. A page's row objects are garbage once the page is formatted; kept small so that a page arriving
// from the database rarely lives through two young-generation collections (which would move it to the old
// generation, where it stays until a full collection: the memory growth bench:export measured with 2,000).
export const EXPORT_PAGE_ROWS = 500;

// Keyset pages over (created_at, id): every page is an index range scan, however deep the export is.
const PAGE = `
  SELECT u.id, u.request_id, u.created_at, w.slug AS workspace, u.user_id, u.api_key_id, u.source::text AS source,
         u.model, u.status::text AS status, u.prompt_tokens, u.completion_tokens, u.total_tokens, u.usage_source,
         u.images, u.credits, u.overage, u.latency_ms, u.upstream_id, j.prompt
  FROM usage_records u
  LEFT JOIN workspaces w ON w.id = u.workspace_id
  LEFT JOIN edit_jobs j ON j.request_id = u.request_id
  WHERE ($1::uuid IS NULL OR u.workspace_id = $1::uuid)
    AND ($2::timestamptz IS NULL OR u.created_at >= $2::timestamptz)
    AND ($3::timestamptz IS NULL OR u.created_at < $3::timestamptz)
    AND ($4::timestamptz IS NULL OR (u.created_at, u.id) > ($4::timestamptz, $5::uuid))
  ORDER BY u.created_at, u.id
  LIMIT $6`;

async function* readPages(client: pg.PoolClient, workspaceId: string | null, filter: UsageExportFilter, batchSize: number) {
  let after: Row | undefined;
  for (;;) {
    const { rows } = await client.query<Row>(PAGE, [
      workspaceId, filter.since ?? null, filter.until ?? null, after?.created_at ?? null, after?.id ?? null, batchSize,
    ]);
    after = rows.at(-1);
    if (rows.length > 0) yield rows.map((row): UsageExportRow => ({ ...row, created_at: row.created_at.toISOString() }));
    if (rows.length < batchSize) return;
  }
}

// One read-only snapshot for the whole export, so pages never skip or repeat a record that changes meanwhile.
async function* streamUsage(workspaceId: string | null, filter: UsageExportFilter): AsyncGenerator<UsageExportRow[]> {
  const client = await getPool().connect();
  let failure: Error | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    yield* readPages(client, workspaceId, filter, filter.batchSize ?? EXPORT_PAGE_ROWS);
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
 * `batchSize` rows (never an empty page): the next page is read only when the consumer asks for more, so memory
 * holds one page however long the export. Pages, not rows, so a consumer can turn a page into bytes at once and
 * drop its row objects before it waits for a slow client (formatUsageExport). The admin console's download and
 * `usage:export` both read through here. Resolves once the filter is checked (unknown workspace: not_found),
 * before any row is read.
 */
export async function exportUsage(filter: UsageExportFilter = {}): Promise<AsyncIterable<UsageExportRow[]>> {
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
  return streamUsage(workspaceId, filter);
}
