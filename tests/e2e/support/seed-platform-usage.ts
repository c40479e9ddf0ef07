// Seeds usage records with known values and times for the admin usage dashboards' browser tests. Run as
// `tsx --conditions=react-server tests/e2e/support/seed-platform-usage.ts '<json>'` with the server's DATA_DIR (and
// DATABASE_URL when not embedded); the JSON is a list of SeedUsage, and it prints one JSON line: each entry's record
// ids, newest first. Records go in through a plain INSERT, so the rollup trigger counts them as it counts the
// gateway's and the studio's.
import { ensureDatabase } from "@/lib/db/ensure-database";

export type SeedUsage = {
  workspace: string; // slug
  email: string; // the member who made the calls
  apiKeyId?: string | null;
  source: "api" | "studio";
  model: string;
  status: "pending" | "succeeded" | "failed" | "cancelled" | "partial";
  credits: number;
  images: number;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  latencyMs: number | null;
  /** The first record's time; `count` records are made `stepMs` apart after it. */
  at: string;
  count?: number;
  stepMs?: number;
};

async function main(entries: SeedUsage[]) {
  const database = await ensureDatabase({ migrate: false });
  process.env.DATABASE_URL = database.url;
  const { closeDb, getPool } = await import("@/lib/db/client");
  try {
    const out: string[][] = [];
    for (const e of entries) {
      const { rows } = await getPool().query<{ id: string; created_at: Date }>(
        `INSERT INTO usage_records (id, request_id, workspace_id, user_id, api_key_id, source, model, status, prompt_tokens,
                                    completion_tokens, total_tokens, images, credits, latency_ms, created_at, finished_at)
         SELECT gen_random_uuid(), 'seed_' || gen_random_uuid(), m.workspace_id, m.user_id, $3::uuid, $4::"UsageSource", $5,
                $6::"UsageStatus", $7, $8, $9, $10, $11, $12, t.at, CASE WHEN $6 = 'pending' THEN NULL ELSE t.at END
           FROM memberships m
           JOIN workspaces w ON w.id = m.workspace_id AND w.slug = $1
           JOIN users u ON u.id = m.user_id AND lower(u.email) = $2
          CROSS JOIN LATERAL (SELECT $13::timestamptz + (i * $15::int) * interval '1 millisecond' AS at FROM generate_series(0, $14::int - 1) AS i) AS t
         RETURNING id, created_at`,
        [e.workspace, e.email.toLowerCase(), e.apiKeyId ?? null, e.source, e.model, e.status, e.promptTokens, e.completionTokens, e.totalTokens, e.images, e.credits, e.latencyMs, e.at, e.count ?? 1, e.stepMs ?? 60_000],
      );
      if (rows.length !== (e.count ?? 1)) throw new Error(`no membership of ${e.email} in ${e.workspace}`);
      out.push(rows.sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id));
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await closeDb();
    await database.stop();
  }
}

main(JSON.parse(process.argv[2]!) as SeedUsage[]).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
