// Usage page benchmark (issue 10): `npm run bench:usage [-- --no-build] [--count 1000000] [--members 50] [--requests 100]`.
//
// One workspace with `count` usage records over 12 months and `members` members (bench/lib/seed-usage.ts, one
// INSERT … SELECT generate_series plus the rollups), Darkroom's production server on it, signed in as the owner
// (who sees everyone's usage) through Auth.js's own endpoints. Then, sequentially, `requests` whole HTTP requests
// (after a warm-up) of each Usage page view: chart of 30 days per day and of 12 months per month (each with the
// table's first page), a deep table page, and the 12 months filtered by one member (first and deep page); all in
// America/New_York, so bucket edges are not UTC midnights. p50 / p95 / p99 against the 150 ms p95 target, with the
// settings page as the app's floor. Results: stdout and bench/results/usage-<time>.json. Exits 1 on a miss.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startTestCluster } from "../tests/setup/test-database";
import { startAppServer, type AppServer } from "../tests/support/app-server";
import { buildApp } from "./lib/build";
import { measure, signIn, type Stats } from "./lib/measure-requests";
import { seedUsageBench, USAGE_BENCH_PASSWORD } from "./lib/seed-usage";
import { timeRuns } from "./lib/time-runs";

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    count: { type: "string", default: "1000000" },
    members: { type: "string", default: "50" },
    requests: { type: "string", default: "100" },
  },
});
const COUNT = Number(flags.count);
const MEMBERS = Number(flags.members);
const REQUESTS = Number(flags.requests);
const WARMUP = 5;
const PAGE = 50;
const TARGET_P95_MS = 150;
const TZ = "America/New_York";
const ROOT = path.resolve(import.meta.dirname, "..");
const log = (line = "") => process.stdout.write(`${line}\n`);

const fullTable = (body: string) => {
  const rows = body.match(/data-testid="usage-row"/g)?.length ?? 0;
  if (rows !== PAGE) throw new Error(`expected ${PAGE} records on the page, found ${rows}`);
};

/** The database's share of a view: each query the page runs, timed in this process (no HTTP, no rendering). */
async function timeQueries(bench: { userId: string; slug: string }, member: string, deepCursor: string) {
  const { getUsageScope } = await import("@/lib/usage/get-usage-scope");
  const { getUsageSeries } = await import("@/lib/usage/get-usage-series");
  const { listUsageRecords } = await import("@/lib/usage/list-usage-records");
  const { resolveUsageRange } = await import("@/lib/usage/resolve-usage-range");
  const { usageSearchSchema } = await import("@/lib/usage/schemas");
  const { decodeKeysetCursor } = await import("@/lib/db/keyset-cursor");
  const scope = (await getUsageScope({ userId: bench.userId }, bench.slug))!;
  const cases: [string, Record<string, string>, "series" | "records", string | null][] = [
    ["series 30 days per day", { range: "30d", bucket: "day" }, "series", null],
    ["series 12 months per month", { range: "12m", bucket: "month" }, "series", null],
    ["series 12 months per week", { range: "12m", bucket: "week" }, "series", null],
    ["series 12 months, one member", { range: "12m", bucket: "month", member }, "series", null],
    ["records first page", { range: "12m" }, "records", null],
    ["records deep page", { range: "12m" }, "records", deepCursor],
    ["records one member", { range: "12m", member }, "records", null],
  ];
  const out: { name: string; p50: number; p95: number }[] = [];
  for (const [name, params, kind, cursor] of cases) {
    const search = usageSearchSchema.parse({ tz: TZ, ...params });
    const range = await resolveUsageRange(search.range, search.tz, search.bucket);
    const { p50, p95 } = await timeRuns<unknown>(
      () => (kind === "series" ? getUsageSeries(scope, search, range, search.bucket, search.by) : listUsageRecords(scope, search, range, cursor ? decodeKeysetCursor(cursor) : null)),
      { runs: 20, warmup: 5 },
    );
    out.push({ name, p50, p95 });
  }
  log();
  log(`${"query (in process, no HTTP)".padEnd(36)} ${"p50".padStart(8)} ${"p95".padStart(8)}`);
  for (const q of out) log(`${q.name.padEnd(36)} ${`${q.p50.toFixed(1)}ms`.padStart(8)} ${`${q.p95.toFixed(1)}ms`.padStart(8)}`);
  return out;
}

async function main() {
  if (!flags["no-build"]) {
    log("building (next build)…");
    await buildApp(path.join(os.tmpdir(), "darkroom-bench-usage-build.log"));
  }
  const cluster = await startTestCluster({ databaseUrl: null });
  let server: AppServer | null = null;
  try {
    const databaseUrl = await cluster.createDatabase({ prefix: "bench_usage" });
    process.env.DATABASE_URL = databaseUrl;
    const started = performance.now();
    const bench = await seedUsageBench({ count: COUNT, members: MEMBERS });
    log(`seeded ${COUNT.toLocaleString("en-US")} usage records of ${MEMBERS} members over 12 months, with rollups, in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const { getPool, closeDb } = await import("@/lib/db/client");
    const { encodeKeysetCursor } = await import("@/lib/db/keyset-cursor");
    const pool = getPool();
    const sizes = await pool.query<{ hourly: string; daily: string; series: string }>(
      `SELECT (SELECT count(*) FROM usage_rollups_hourly WHERE workspace_id = $1) AS hourly,
              (SELECT count(*) FROM usage_rollups_daily WHERE workspace_id = $1) AS daily,
              (SELECT count(*) FROM usage_series WHERE workspace_id = $1) AS series`,
      [bench.workspaceId],
    );
    const n = (v: string) => Number(v).toLocaleString("en-US");
    log(`rollup rows: cube ${n(sizes.rows[0]!.hourly)} hourly, ${n(sizes.rows[0]!.daily)} daily; usage_series ${n(sizes.rows[0]!.series)}`);
    const member = bench.memberIds[7]!;
    const cursorAt = async (offset: number, userId: string | null) => {
      const { rows } = await pool.query<{ createdAt: Date; id: string }>(
        `SELECT created_at AS "createdAt", id FROM usage_records WHERE workspace_id = $1 AND ($2::uuid IS NULL OR user_id = $2)
         ORDER BY created_at DESC, id DESC OFFSET $3 LIMIT 1`,
        [bench.workspaceId, userId, offset],
      );
      return encodeURIComponent(encodeKeysetCursor(rows[0]!));
    };
    const deep = await cursorAt(Math.floor(COUNT / 2), null);
    const deepMember = await cursorAt(Math.floor(COUNT / MEMBERS / 2), member);
    const queries = await timeQueries(bench, member, decodeURIComponent(deep));
    await closeDb();

    server = await startAppServer({ databaseUrl, env: { LOG_LEVEL: "warn", SIGNIN_LIMIT_PER_IP: "1000" } });
    const cookie = await signIn(server.url, bench.email, USAGE_BENCH_PASSWORD);
    const usage = `${server.url}/${bench.slug}/usage?tz=${encodeURIComponent(TZ)}`;
    const timing = { cookie, serverPid: server.process.pid!, requests: REQUESTS, warmup: WARMUP, targetP95Ms: TARGET_P95_MS, check: fullTable };
    const targets: [string, string, typeof timing][] = [
      ["30 days per day, first page", `${usage}&range=30d&bucket=day`, timing],
      ["12 months per month, first page", `${usage}&range=12m&bucket=month`, timing],
      ["12 months per week, first page", `${usage}&range=12m&bucket=week`, timing],
      [`12 months, deep page (~${Math.floor(COUNT / 2 / PAGE)})`, `${usage}&range=12m&bucket=month&cursor=${deep}`, timing],
      ["12 months, one member", `${usage}&range=12m&bucket=month&member=${member}`, timing],
      ["12 months, one member, deep page", `${usage}&range=12m&bucket=month&member=${member}&cursor=${deepMember}`, timing],
      ["30 days by model, one member", `${usage}&range=30d&bucket=day&by=model&member=${member}`, timing],
      ["settings page (baseline)", `${server.url}/${bench.slug}/settings`, { ...timing, check: () => {} }],
    ];
    for (const [name, url, options] of targets) await measure(name, url, { ...options, requests: 1 });
    const loadBefore = os.loadavg()[0]!;
    const results: Stats[] = [];
    for (const [name, url, options] of targets) {
      results.push({ ...(await measure(name, url, options)), baseline: name.includes("baseline") });
    }
    const loadAfter = os.loadavg()[0]!;

    log();
    log(`${"view".padEnd(36)} ${"n".padStart(4)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)} ${"cpu/req".padStart(8)}  body    result`);
    for (const r of results) {
      const ms = (v: number) => `${v.toFixed(1)}ms`.padStart(8);
      log(`${r.name.padEnd(36)} ${String(r.n).padStart(4)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)} ${ms(r.serverCpuMs)}  ${`${Math.round(r.bytes / 1024)}KB`.padEnd(6)}  ${r.baseline ? "(context: the app's floor)" : `${r.pass ? "PASS" : "FAIL"} (p95 ≤ ${TARGET_P95_MS} ms)`}`);
    }
    log(`machine: ${os.cpus().length} cores, 1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (other processes share the cores)`);
    const pass = results.every((r) => r.baseline || r.pass);
    log(pass ? `PASS: every Usage view within ${TARGET_P95_MS} ms at p95` : "FAIL: a target was missed (see above)");

    const resultsDir = path.join(ROOT, "bench", "results");
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `usage-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify({ count: COUNT, members: MEMBERS, requests: REQUESTS, tz: TZ, cpus: os.cpus().length, loadBefore, loadAfter, queries, results, pass }, null, 2));
    log(`results: ${path.relative(ROOT, file)}`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    await server?.stop();
    await cluster.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
