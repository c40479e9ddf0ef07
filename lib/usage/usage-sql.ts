import type { SqlParams } from "@/lib/gallery/gallery-sql";
import type { UsageScope } from "./get-usage-scope";
import { NO_KEY, type UsageFilters } from "./schemas";
import { NO_KEY_UUID } from "./rollup-writes-sql";
import type { KeysetCursor } from "@/lib/db/keyset-cursor";

export { NO_KEY_UUID };

/** The member the caller may see (their own when they may not see everyone's), else the member filter. */
export function effectiveMember(scope: UsageScope, filters: Pick<UsageFilters, "member">): string | undefined {
  return scope.onlyUserId ?? filters.member;
}

/** `AND …` conditions on `usage_records u`: the scope, the range and the filters. */
export function recordsWhereSql(params: SqlParams, scope: UsageScope, filters: UsageFilters, from: Date, to: Date): string {
  const parts = [
    `u.workspace_id = ${params.add(scope.workspaceId)}::uuid`,
    `u.created_at >= ${params.add(from)}::timestamptz`,
    `u.created_at < ${params.add(to)}::timestamptz`,
  ];
  const member = effectiveMember(scope, filters);
  if (member) parts.push(`u.user_id = ${params.add(member)}::uuid`);
  if (filters.model) parts.push(`u.model = ${params.add(filters.model)}`);
  if (filters.key === NO_KEY) parts.push(`u.api_key_id IS NULL`);
  else if (filters.key) parts.push(`u.api_key_id = ${params.add(filters.key)}::uuid`);
  if (filters.status) parts.push(`u.status = ${params.add(filters.status)}::"UsageStatus"`);
  if (filters.source) parts.push(`u.source = ${params.add(filters.source)}::"UsageSource"`);
  return parts.join(" AND ");
}

/** Rows after `cursor` in the table's order (newest first). */
export function recordsAfterSql(params: SqlParams, cursor: KeysetCursor): string {
  const at = params.add(cursor.createdAt);
  // Written out rather than as a row comparison so the planner bounds the created_at index scan with it.
  return ` AND u.created_at <= ${at}::timestamptz AND (u.created_at < ${at}::timestamptz OR u.id < ${params.add(cursor.id)}::uuid)`;
}

/**
 * `AND …` conditions on a cube rollup or usage_rollup_deltas `r` for the member, model, key and source filters
 * (status is not rolled up).
 */
export function rollupWhereSql(params: SqlParams, scope: UsageScope, filters: UsageFilters): string {
  const parts: string[] = [];
  const member = effectiveMember(scope, filters);
  if (member) parts.push(`r.user_id = ${params.add(member)}::uuid`);
  if (filters.model) parts.push(`r.model = ${params.add(filters.model)}`);
  if (filters.key) parts.push(`r.api_key_id = ${params.add(filters.key === NO_KEY ? NO_KEY_UUID : filters.key)}::uuid`);
  if (filters.source === "studio") parts.push(`r.api_key_id = '${NO_KEY_UUID}'::uuid`);
  if (filters.source === "api") parts.push(`r.api_key_id <> '${NO_KEY_UUID}'::uuid`);
  return parts.map((p) => ` AND ${p}`).join("");
}
