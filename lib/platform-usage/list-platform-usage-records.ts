import "server-only";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/db/keyset-cursor";
import { isUuid } from "@/lib/db/is-uuid";
import { assertPlatformAdmin, type PlatformCaller } from "./assert-platform-admin";
import { NO_KEY, parseSeriesExclusion, type SeriesExclusion } from "./dashboard-search";
import type { PlatformRecordPage, PlatformRecordQuery, PlatformRecordRow } from "./types";

const COLUMN: Record<SeriesExclusion["by"], string> = {
  workspace: "u.workspace_id",
  user: "u.user_id",
  key: "u.api_key_id",
  model: "u.model",
  source: "u.source",
  status: "u.status",
};
const ARRAY_TYPE: Record<SeriesExclusion["by"], string> = {
  workspace: "uuid[]",
  user: "uuid[]",
  key: "uuid[]",
  model: "text[]",
  source: `"UsageSource"[]`,
  status: `"UsageStatus"[]`,
};

/** The exclusion re-checked here too (callers other than the page's schema): bounded, ids where ids go, else an error. */
function checkedExclusion(except: SeriesExclusion): SeriesExclusion {
  const parsed = parseSeriesExclusion(except.by, except.values);
  if (!parsed.ok || !parsed.value) throw new AppError("invalid_input", parsed.ok ? "Name the series to leave out." : parsed.message);
  return parsed.value;
}

/**
 * "None of these": `<> ALL(array)`, a per-row check as cheap as the equality filters' (no NOT IN, whose NULL rules
 * would drop every row when a NULL came in). Calls without a key (api_key_id NULL) are none of any keys, so they stay
 * unless "none" (NO_KEY) is itself among the values.
 */
function exclusionSql(p: SqlParams, except: SeriesExclusion): string {
  const column = COLUMN[except.by];
  if (except.by !== "key") return `${column} <> ALL(${p.add(except.values)}::${ARRAY_TYPE[except.by]})`;
  const ids = except.values.filter((v) => v !== NO_KEY);
  const notAnyKey = `${column} <> ALL(${p.add(ids)}::uuid[])`;
  return except.values.includes(NO_KEY) ? `${column} IS NOT NULL AND ${notAnyKey}` : `(${column} IS NULL OR ${notAnyKey})`;
}

/**
 * The usage records behind a bar or a row of the dashboards, newest first, keyset-paginated on (created_at, id) so
 * a deep page costs what the first does. Each filter walks an index that starts with it (workspace, user, key) or
 * the created_at index with the rest checked per row (model, source, status: each a large share of the records; and a
 * breakdown's "Other", the rest after its top series, most of the records wherever it is drawn as more than a sliver).
 */
export async function listPlatformUsageRecords(
  caller: PlatformCaller,
  query: PlatformRecordQuery,
  cursor: string | null,
  limit = 50,
): Promise<PlatformRecordPage> {
  await assertPlatformAdmin(caller);
  const after = cursor ? decodeKeysetCursor(cursor) : null;
  if (cursor && !after) throw new AppError("invalid_input", "That page link is no longer valid.");
  for (const id of [query.workspaceId, query.userId, query.apiKeyId === "none" ? undefined : query.apiKeyId]) {
    if (id !== undefined && !isUuid(id)) return { rows: [], nextCursor: null };
  }
  const except = query.except ? checkedExclusion(query.except) : null;
  const n = Math.min(Math.max(Math.trunc(limit) || 1, 1), 200);
  const p = new SqlParams();
  const where = [`u.created_at >= ${p.add(query.from)}::timestamptz`, `u.created_at < ${p.add(query.to)}::timestamptz`];
  if (query.workspaceId) where.push(`u.workspace_id = ${p.add(query.workspaceId)}::uuid`);
  if (query.userId) where.push(`u.user_id = ${p.add(query.userId)}::uuid`);
  if (query.apiKeyId === "none") where.push(`u.api_key_id IS NULL`);
  else if (query.apiKeyId) where.push(`u.api_key_id = ${p.add(query.apiKeyId)}::uuid`);
  if (query.model) where.push(`u.model = ${p.add(query.model)}`);
  if (query.source) where.push(`u.source = ${p.add(query.source)}::"UsageSource"`);
  if (query.status) where.push(`u.status = ${p.add(query.status)}::"UsageStatus"`);
  else where.push(`u.status <> 'pending'`);
  if (except) where.push(exclusionSql(p, except));
  if (after) {
    const at = p.add(after.createdAt);
    // Written out rather than as a row comparison so the planner bounds the index scan with it.
    where.push(`u.created_at <= ${at}::timestamptz AND (u.created_at < ${at}::timestamptz OR u.id < ${p.add(after.id)}::uuid)`);
  }
  const { rows } = await getPool().query<PlatformRecordRow>(
    `SELECT u.id, u.created_at AS "createdAt", u.workspace_id AS "workspaceId", COALESCE(w.name, 'Deleted') AS "workspaceName",
            u.user_id AS "userId", COALESCE(us.name, us.email, 'Deleted') AS "userLabel", u.api_key_id AS "apiKeyId",
            k.name AS "keyName", u.source::text AS source, u.model, u.status::text AS status, u.credits, u.images,
            u.prompt_tokens AS "promptTokens", u.completion_tokens AS "completionTokens", u.total_tokens AS "totalTokens",
            u.latency_ms AS "latencyMs"
     FROM (SELECT * FROM usage_records u WHERE ${where.join(" AND ")} ORDER BY u.created_at DESC, u.id DESC LIMIT ${p.add(n + 1)}) AS u
     LEFT JOIN workspaces w ON w.id = u.workspace_id
     LEFT JOIN users us ON us.id = u.user_id
     LEFT JOIN api_keys k ON k.id = u.api_key_id
     ORDER BY u.created_at DESC, u.id DESC`,
    p.values,
  );
  const page = rows.slice(0, n);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > n && last ? encodeKeysetCursor({ createdAt: last.createdAt, id: last.id }) : null };
}
