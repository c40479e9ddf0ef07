// A platform for the dashboard benchmark: `workspaces` workspaces, `users` users (user j a member of workspace
// j mod workspaces, the first of each its owner) with one API key each, `models` models, and `count` usage records
// spread evenly over the 12 months before now, inserted by one INSERT … SELECT generate_series per million rows (not
// row by row). Then the rollups the dashboards read, one UTC month of records per statement: the cube's hourly, daily
// and monthly rows (usage_rollups_*) and the platform section (platform_usage_series, platform_latency_bins, by the
// fold's own SQL). The weekly cube and the per-workspace usage_series (read only by a workspace's own Usage page) are
// not written. As a bulk import would do it: the rollup trigger is off, the loaded tables' secondary indexes are
// dropped and rebuilt after, and months are rolled up two at a time (their rows are disjoint; the running totals,
// which depend on every earlier day, are written once at the end from the day rows). A platform admin signs in.
// Run under --conditions=react-server with DATABASE_URL set before the first call.
import { randomUUID } from "node:crypto";
import { platformRollupWritesSql, recordsAsDeltasSql, runningTotalsFromSeriesSql } from "@/lib/platform-usage/platform-rollup-writes-sql";
import { NO_KEY_UUID } from "@/lib/usage/rollup-writes-sql";

export const DASHBOARD_BENCH_PASSWORD = "dashboard bench password";
const MODEL_NAMES = ["gpt-4o-mini", "gpt-image-1", "flux-kontext", "nano-banana", "darkroom-local", "claude-haiku", "gpt-4.1", "sdxl-turbo", "imagen-4", "seedream", "recraft-v3", "ideogram-3"];

export type DashboardSeed = { count: number; workspaces: number; users: number; models: number; adminEmail: string };

const SUMS = ["calls", "failed_calls", "credits", "images", "prompt_tokens", "completion_tokens", "total_tokens"];
const CUBE = [
  { table: "usage_rollups_hourly", column: "hour", unit: "hour" },
  { table: "usage_rollups_daily", column: "day", unit: "day" },
  { table: "usage_rollups_monthly", column: "month", unit: "month" },
];

/** The cube's rows (hour, day, month) and the platform section for the records created in [$1, $2). */
function rollupsSql(): string {
  const cube = CUBE.map(
    (c) => `, w_${c.unit} AS (
      INSERT INTO ${c.table} AS r (workspace_id, ${c.column}, user_id, api_key_id, model, ${SUMS.join(", ")})
      SELECT workspace_id, date_trunc('${c.unit}', created_at, 'UTC'), user_id, api_key_id, model, ${SUMS.map((s) => `sum(${s})`).join(", ")}
      FROM d GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (workspace_id, ${c.column}, user_id, api_key_id, model) DO UPDATE SET ${SUMS.map((s) => `${s} = r.${s} + EXCLUDED.${s}`).join(", ")}
      RETURNING 1)`,
  );
  return `WITH d AS MATERIALIZED (${recordsAsDeltasSql("created_at >= $1 AND created_at < $2")})
    ${cube.join("\n")}
    ${platformRollupWritesSql({ running: false })}
    SELECT 1`;
}

const LOADED_TABLES = ["usage_records", "usage_rollups_hourly", "usage_rollups_daily", "usage_rollups_monthly", "platform_usage_series", "platform_latency_bins"];
const PARALLEL_MONTHS = 2;

export async function seedDashboardBench(
  { count, workspaces, users, models }: Omit<DashboardSeed, "adminEmail">,
  log: (line: string) => void,
): Promise<DashboardSeed> {
  const { createUser } = await import("@/lib/users/create-user");
  const { getPool } = await import("@/lib/db/client");
  const pool = getPool();
  const tag = randomUUID().slice(0, 8);
  const adminEmail = `dashboard-admin-${tag}@example.test`;
  await createUser({ email: adminEmail, name: "Dashboard Admin", password: DASHBOARD_BENCH_PASSWORD, admin: true, emailVerified: true });
  const step = async (what: string, sql: string, values: unknown[] = []) => {
    const started = performance.now();
    await pool.query(sql, values);
    log(`  ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  await step(`${workspaces} workspaces, ${users} users, memberships and keys`, `
    WITH w AS (
      INSERT INTO workspaces (id, slug, name) SELECT gen_random_uuid(), 'bench-' || $1 || '-' || n, 'Team ' || n
      FROM generate_series(0, $2::int - 1) AS n RETURNING id, split_part(slug, '-', 3)::int AS n),
    u AS (
      INSERT INTO users (id, email, name, updated_at) SELECT gen_random_uuid(), 'bench-' || $1 || '-' || j || '@example.test', 'Person ' || j, now()
      FROM generate_series(0, $3::int - 1) AS j RETURNING id, split_part(split_part(email, '@', 1), '-', 3)::int AS j),
    m AS (
      INSERT INTO memberships (id, workspace_id, user_id, role)
      SELECT gen_random_uuid(), w.id, u.id, CASE WHEN u.j < $2::int THEN 'owner' ELSE 'member' END::"WorkspaceRole"
      FROM u JOIN w ON w.n = u.j % $2::int RETURNING id, workspace_id, user_id)
    INSERT INTO api_keys (id, workspace_id, membership_id, created_by_id, name, hash, prefix, last4)
    SELECT gen_random_uuid(), m.workspace_id, m.id, m.user_id, 'Key', encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'dr_live_', 'abcd'
    FROM m`, [tag, workspaces, users]);
  // Users and their keys in a fixed order (user j at j), so record i's key is its user's.
  const { rows: people } = await pool.query<{ u: string[]; w: string[]; k: string[] }>(
    `SELECT array_agg(u.id ORDER BY j) AS u, array_agg(m.workspace_id ORDER BY j) AS w, array_agg(k.id ORDER BY j) AS k
     FROM (SELECT id, split_part(split_part(email, '@', 1), '-', 3)::int AS j FROM users WHERE email LIKE 'bench-' || $1 || '-%') AS u
     JOIN memberships m ON m.user_id = u.id JOIN api_keys k ON k.membership_id = m.id`,
    [tag],
  );
  const { u: userIds, w: workspaceOf, k: keyIds } = people[0]!;

  const CHUNK = 1_000_000;
  // Every index but the primary keys (which the rollups' ON CONFLICT needs), to be rebuilt after the load.
  const { rows: indexes } = await pool.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype = 'p')`,
    [LOADED_TABLES],
  );
  await pool.query("ALTER TABLE usage_records DISABLE TRIGGER usage_records_rollup");
  try {
    for (const { name } of indexes) await pool.query(`DROP INDEX "${name}"`);
    for (let from = 1; from <= count; from += CHUNK) {
      const to = Math.min(count, from + CHUNK - 1);
      // Spending is skewed (one user in 50 spends ~10× more) so top spenders are not a tie; latencies spread over
      // 150 ms – 25 s; failures, cancellations and partial answers mixed in.
      await step(`records ${from.toLocaleString("en-US")}–${to.toLocaleString("en-US")}`, `
        INSERT INTO usage_records (id, request_id, workspace_id, user_id, api_key_id, source, model, status, prompt_tokens,
                                   completion_tokens, total_tokens, usage_source, images, credits, latency_ms, created_at, finished_at)
        SELECT gen_random_uuid(), 'req_dash_' || i, ($1::uuid[])[1 + x.u], ($2::uuid[])[1 + x.u], CASE WHEN i % 3 = 0 THEN NULL ELSE ($3::uuid[])[1 + x.u] END,
               CASE WHEN i % 3 = 0 THEN 'studio' ELSE 'api' END::"UsageSource", ($4::text[])[1 + (i / 7) % array_length($4::text[], 1)],
               CASE WHEN i % 41 = 0 THEN 'failed' WHEN i % 211 = 0 THEN 'cancelled' WHEN i % 97 = 0 THEN 'partial' ELSE 'succeeded' END::"UsageStatus",
               100 + i % 900, 20 + i % 400, 120 + i % 900 + i % 400, 'upstream', CASE WHEN i % 4 = 0 THEN 1 ELSE 0 END,
               CASE WHEN i % 41 = 0 OR i % 211 = 0 THEN 0 ELSE (1 + i % 40) * CASE WHEN x.u % 50 = 0 THEN 10 ELSE 1 END END,
               150 + (i * 37) % 4000 + CASE WHEN i % 50 = 0 THEN 20000 ELSE 0 END, x.t, x.t + interval '2 seconds'
        FROM generate_series($5::int, $6::int) AS i,
             LATERAL (SELECT ((i::bigint * 7919) % array_length($1::uuid[], 1))::int AS u,
                             now() - interval '5 minutes' - (i::float8 / $7::int) * interval '365 days' AS t) AS x`,
        [workspaceOf, userIds, keyIds, MODEL_NAMES.slice(0, models), from, to, count]);
    }
    const { rows: months } = await pool.query<{ m: Date }>(
      `SELECT generate_series(date_trunc('month', min(created_at), 'UTC'), max(created_at), interval '1 month') AS m FROM usage_records`,
    );
    const queue = [...months];
    const worker = async () => {
      for (let month = queue.shift(); month; month = queue.shift()) {
        const { m } = month;
        const next = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
        await step(`rollups of ${m.toISOString().slice(0, 7)}`, rollupsSql(), [m, next]);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_MONTHS }, worker));
    await step("running totals", runningTotalsFromSeriesSql());
  } finally {
    await pool.query("ALTER TABLE usage_records ENABLE TRIGGER usage_records_rollup");
    const client = await pool.connect();
    try {
      await client.query("SET maintenance_work_mem = '1GB'");
      for (const { name, def } of indexes) {
        const started = performance.now();
        await client.query(def.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX IF NOT EXISTS "));
        log(`  index ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    } finally {
      client.release();
    }
  }
  await step("ANALYZE", "ANALYZE usage_records, usage_rollups_hourly, usage_rollups_daily, usage_rollups_monthly, platform_usage_series, platform_latency_bins, users, workspaces, api_keys");
  return { count, workspaces, users, models, adminEmail };
}

export { NO_KEY_UUID };
