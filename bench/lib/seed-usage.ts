// A year of usage for the usage benchmark: one workspace, an owner who signs in with a password, `members - 1`
// more members with one API key each, and `count` usage records over the last 12 months inserted by one
// INSERT … SELECT generate_series (members, models, keys, studio calls, failures mixed), then their rollups (the
// cube and the per-breakdown series, hourly to monthly) in one statement (the row-by-row trigger, which would
// append a delta per record for the fold, is off while seeding, as a bulk import would do it). Run under
// --conditions=react-server with DATABASE_URL set before the first call.
import { randomUUID } from "node:crypto";
import { NO_KEY_UUID, rollupWritesSql } from "@/lib/usage/rollup-writes-sql";

export const USAGE_BENCH_PASSWORD = "usage bench password";
export const USAGE_BENCH_MODELS = ["gpt-4o-mini", "gpt-image-1", "flux-kontext", "nano-banana", "darkroom-local", "claude-haiku"];

export type UsageBench = { email: string; slug: string; workspaceId: string; userId: string; memberIds: string[] };

// The rollups of one workspace's records ($1) in one statement, written by the fold's own SQL (rollup-writes-sql.ts).
// Also bench:export's, for the workspace whose statement it times.
export const WORKSPACE_ROLLUPS_SQL = `
  WITH h AS (
    SELECT workspace_id, date_trunc('hour', created_at, 'UTC') AS hour, user_id,
           COALESCE(api_key_id, '${NO_KEY_UUID}'::uuid) AS api_key_id, model, count(*) AS calls,
           count(*) FILTER (WHERE status IN ('failed', 'cancelled')) AS failed_calls, sum(credits) AS credits,
           sum(images) AS images, COALESCE(sum(prompt_tokens), 0) AS prompt_tokens,
           COALESCE(sum(completion_tokens), 0) AS completion_tokens, COALESCE(sum(total_tokens), 0) AS total_tokens
    FROM usage_records WHERE workspace_id = $1 AND status <> 'pending'
    GROUP BY 1, 2, 3, 4, 5
  )
  ${rollupWritesSql()}
  SELECT 1`;

export async function seedUsageBench({ count, members }: { count: number; members: number }): Promise<UsageBench> {
  const { createUser } = await import("@/lib/users/create-user");
  const { getPool } = await import("@/lib/db/client");
  const pool = getPool();

  const email = `usage-bench-${randomUUID().slice(0, 8)}@example.test`;
  const owner = await createUser({ email, name: "Usage Bench", password: USAGE_BENCH_PASSWORD, emailVerified: true });
  const { rows: others } = await pool.query<{ id: string }>(
    `INSERT INTO users (id, email, name, updated_at)
     SELECT gen_random_uuid(), 'usage-member-' || i || '-' || $1 || '@example.test', 'Member ' || i, now()
     FROM generate_series(1, $2::int) AS i RETURNING id`,
    [randomUUID().slice(0, 8), members - 1],
  );
  const memberIds = [owner.userId, ...others.map((r) => r.id)];
  await pool.query(
    `INSERT INTO memberships (id, workspace_id, user_id, role)
     SELECT gen_random_uuid(), $1::uuid, u, 'member' FROM unnest($2::uuid[]) AS u`,
    [owner.workspaceId, memberIds.slice(1)],
  );
  // One key per member, in member order, so record i's key belongs to record i's member.
  const { rows: keys } = await pool.query<{ id: string }>(
    `INSERT INTO api_keys (id, workspace_id, membership_id, created_by_id, name, hash, prefix, last4)
     SELECT gen_random_uuid(), m.workspace_id, m.id, m.user_id, 'Key ' || u.n, encode(sha256(gen_random_uuid()::text::bytea), 'hex'),
            'dr_live_', lpad(u.n::text, 4, '0')
     FROM unnest($2::uuid[]) WITH ORDINALITY AS u(user_id, n)
     JOIN memberships m ON m.workspace_id = $1::uuid AND m.user_id = u.user_id
     ORDER BY u.n RETURNING id`,
    [owner.workspaceId, memberIds],
  );

  await pool.query("ALTER TABLE usage_records DISABLE TRIGGER usage_records_rollup");
  try {
    await pool.query(
      `INSERT INTO usage_records (id, request_id, workspace_id, user_id, api_key_id, source, model, status, prompt_tokens,
                                  completion_tokens, total_tokens, usage_source, images, credits, latency_ms, created_at, finished_at)
       SELECT gen_random_uuid(), 'req_bench_' || i, $1::uuid, ($2::uuid[])[1 + m], CASE WHEN i % 3 = 0 THEN NULL ELSE ($3::uuid[])[1 + m] END,
              CASE WHEN i % 3 = 0 THEN 'studio' ELSE 'api' END::"UsageSource", ($4::text[])[1 + (i / 7) % array_length($4::text[], 1)],
              CASE WHEN i % 41 = 0 THEN 'failed' WHEN i % 97 = 0 THEN 'partial' ELSE 'succeeded' END::"UsageStatus",
              100 + i % 900, 20 + i % 400, 120 + i % 900 + i % 400, 'upstream', CASE WHEN i % 4 = 0 THEN 1 ELSE 0 END,
              CASE WHEN i % 41 = 0 THEN 0 ELSE 1 + i % 40 END, 200 + i % 3000, t, t + interval '2 seconds'
       FROM generate_series(1, $5::int) AS i,
            LATERAL (SELECT ((i::bigint * 7919) % array_length($2::uuid[], 1))::int AS m,
                            now() - interval '5 minutes' - (i::float8 / $5::int) * interval '364 days' AS t) AS x`,
      [owner.workspaceId, memberIds, keys.map((k) => k.id), USAGE_BENCH_MODELS, count],
    );
    await pool.query(WORKSPACE_ROLLUPS_SQL, [owner.workspaceId]);
  } finally {
    await pool.query("ALTER TABLE usage_records ENABLE TRIGGER usage_records_rollup");
  }
  await pool.query("ANALYZE usage_records; ANALYZE usage_rollups_hourly; ANALYZE usage_rollups_daily; ANALYZE usage_rollups_weekly; ANALYZE usage_rollups_monthly; ANALYZE usage_series");
  return { email, slug: owner.workspaceSlug, workspaceId: owner.workspaceId, userId: owner.userId, memberIds };
}
