// Usage records for the export benchmark: `workspaces` workspaces (each a real account made through createUser)
// and `count` usage records spread evenly over the 12 months before now, inserted by one INSERT … SELECT
// generate_series per million rows (not row by row). The rollup trigger is off while seeding: the export reads
// usage_records only; the first workspace's rollups (what its statement reads) are written in one statement after.
// An admin account signs in for the download.
// Run under --conditions=react-server with DATABASE_URL set before the first call.
import { randomUUID } from "node:crypto";
import { WORKSPACE_ROLLUPS_SQL } from "./seed-usage";

export const EXPORT_BENCH_PASSWORD = "export bench password";
const MODELS = ["gpt-4o-mini", "gpt-image-1", "flux-kontext", "nano-banana", "darkroom-local", "claude-haiku"];

export type ExportBench = { adminEmail: string; workspaceIds: string[] };

export async function seedExportBench({ count, workspaces, log }: { count: number; workspaces: number; log: (line: string) => void }): Promise<ExportBench> {
  const { createUser } = await import("@/lib/users/create-user");
  const { getPool } = await import("@/lib/db/client");
  const pool = getPool();
  const tag = randomUUID().slice(0, 8);
  const adminEmail = `export-admin-${tag}@example.test`;
  await createUser({ email: adminEmail, name: "Export Admin", password: EXPORT_BENCH_PASSWORD, admin: true, emailVerified: true });
  const owners = [];
  for (let i = 0; i < workspaces; i++) owners.push(await createUser({ email: `export-${i}-${tag}@example.test`, name: `Owner ${i}`, password: EXPORT_BENCH_PASSWORD, emailVerified: true }));

  const CHUNK = 1_000_000;
  await pool.query("ALTER TABLE usage_records DISABLE TRIGGER usage_records_rollup");
  try {
    for (let from = 1; from <= count; from += CHUNK) {
      const to = Math.min(count, from + CHUNK - 1);
      const started = performance.now();
      await pool.query(
        `INSERT INTO usage_records (id, request_id, workspace_id, user_id, api_key_id, source, model, status, prompt_tokens,
                                    completion_tokens, total_tokens, usage_source, images, credits, latency_ms, upstream_id, created_at, finished_at)
         SELECT gen_random_uuid(), 'req_export_' || i, ($1::uuid[])[1 + i % $6::int], ($2::uuid[])[1 + i % $6::int], NULL,
                CASE WHEN i % 3 = 0 THEN 'studio' ELSE 'api' END::"UsageSource", ($3::text[])[1 + (i / 7) % 6],
                CASE WHEN i % 41 = 0 THEN 'failed' ELSE 'succeeded' END::"UsageStatus",
                100 + i % 900, 20 + i % 400, 120 + i % 900 + i % 400, 'upstream', i % 4, CASE WHEN i % 41 = 0 THEN 0 ELSE 1 + i % 40 END,
                200 + i % 3000, 'chatcmpl-' || i, t, t + interval '2 seconds'
         FROM generate_series($4::int, $5::int) AS i,
              LATERAL (SELECT now() - interval '5 minutes' - (i::float8 / $7::int) * interval '365 days' AS t) AS x`,
        [owners.map((o) => o.workspaceId), owners.map((o) => o.userId), MODELS, from, to, workspaces, count],
      );
      log(`  rows ${from.toLocaleString("en-US")}–${to.toLocaleString("en-US")} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    // The statement (timed by the bench) reads rollups: the first workspace's, written as a bulk import does.
    const started = performance.now();
    await pool.query(WORKSPACE_ROLLUPS_SQL, [owners[0]!.workspaceId]);
    log(`  rollups of the first workspace in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await pool.query("ALTER TABLE usage_records ENABLE TRIGGER usage_records_rollup");
  }
  await pool.query("ANALYZE usage_records; ANALYZE usage_rollups_hourly; ANALYZE usage_rollups_daily; ANALYZE usage_rollups_monthly");
  return { adminEmail, workspaceIds: owners.map((o) => o.workspaceId) };
}
