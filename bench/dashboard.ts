// Platform dashboard benchmark (issue 12): `npm run bench:dashboard [-- --no-build] [--count 10000000] [--workspaces 1000]
//   [--users 10000] [--models 12] [--requests 20] [--data-dir DIR] [--keep] [--queries-only]`.
//
// Seeds `count` usage records over 12 months in `workspaces` workspaces, `users` users and `models` models with their
// rollups (bench/lib/seed-dashboard.ts: INSERT … SELECT generate_series, a million rows a statement), in a persistent
// embedded PostgreSQL under --data-dir (default: the OS temp dir). With --keep the cluster stays there and the next
// run with the same sizes reuses the seed (minutes and GBs at 10M); without it the directory is removed at the end.
// Then, signed in as a platform admin against Darkroom's production server (the pages of app/(admin)/admin/usage),
// `requests` sequential whole HTTP requests (after a warm-up) of every dashboard view the page offers (each preset ×
// each bucket it allows × each breakdown; every view also loads the totals, the timeline and both top-spender lists),
// in America/New_York so buckets are not UTC days, and of the drill-down (first page and a later keyset page per
// breakdown's series, and per "Other": the records outside the top five workspaces, models or keys). Targets: p95 ≤ 200 ms per dashboard view, ≤ 100 ms per drill-down page. Last, a full month
// exported through GET /admin/billing/export (CSV) with the server's resident memory sampled: growth ≤ 100 MB.
// Before the HTTP part, each dashboard query is timed in this process (the database's share). --queries-only stops
// there (no build, no server). Prints the table with pass/fail per target and the load average; results also go to
// bench/results/dashboard-<time>.json. Exits 1 on a miss.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { deployMigrations } from "../lib/db/migrate/deploy-migrations";
import { startAppServer, type AppServer } from "../tests/support/app-server";
import { buildApp } from "./lib/build";
import { measure, signIn, type Stats } from "./lib/measure-requests";
import { treeRssBytes } from "./lib/proc";
import { DASHBOARD_BENCH_PASSWORD, seedDashboardBench, type DashboardSeed } from "./lib/seed-dashboard";
import { timeDashboardQueries } from "./lib/time-dashboard-queries";

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    "queries-only": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "data-dir": { type: "string", default: path.join(os.tmpdir(), "darkroom-bench-dashboard") },
    count: { type: "string", default: "10000000" },
    workspaces: { type: "string", default: "1000" },
    users: { type: "string", default: "10000" },
    models: { type: "string", default: "12" },
    requests: { type: "string", default: "20" },
  },
});
const SIZES = { count: Number(flags.count), workspaces: Number(flags.workspaces), users: Number(flags.users), models: Number(flags.models) };
const REQUESTS = Number(flags.requests);
const WARMUP = 2;
const VIEW_P95_MS = 200;
const DRILL_P95_MS = 100;
const RSS_LIMIT = 100 * 1024 * 1024;
const TZ = "America/New_York";
const ROOT = path.resolve(import.meta.dirname, "..");
const log = (line = "") => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The seed already in the database when its sizes match this run's, else null. */
async function existingSeed(url: string): Promise<DashboardSeed | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS bench_dashboard_seed (sizes jsonb NOT NULL, admin_email text NOT NULL)`);
    const { rows } = await client.query<{ sizes: Omit<DashboardSeed, "adminEmail">; admin_email: string }>(`SELECT sizes, admin_email FROM bench_dashboard_seed`);
    const found = rows[0];
    const same = found && (Object.keys(SIZES) as (keyof typeof SIZES)[]).every((k) => found.sizes[k] === SIZES[k]);
    return found && same ? { ...found.sizes, adminEmail: found.admin_email } : null;
  } finally {
    await client.end();
  }
}

async function recreateDatabase(adminUrl: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS darkroom WITH (FORCE)`);
    await client.query(`CREATE DATABASE darkroom`);
  } finally {
    await client.end();
  }
}

/** Streams one export, sampling the server tree's RSS; returns rows, bytes and the peak. */
async function exportMonth(url: string, cookie: string, pid: number) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(treeRssBytes(pid)), 50);
  const started = performance.now();
  try {
    const response = await fetch(url, { headers: { cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`export: HTTP ${response.status}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    return { rows: lines - 1, bytes, seconds: (performance.now() - started) / 1000, peak: Math.max(...samples, treeRssBytes(pid)) };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  if (!flags["no-build"] && !flags["queries-only"]) {
    log("building (next build)…");
    await buildApp(path.join(os.tmpdir(), "darkroom-bench-dashboard-build.log"));
  }
  const dataDir = path.resolve(flags["data-dir"]);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as another user when we are root
  const embedded = await startEmbeddedPostgres({ dataDir, persistent: true });
  let server: AppServer | null = null;
  try {
    let seed = await existingSeed(embedded.url);
    if (seed) {
      log(`reusing the seed in ${dataDir} (${SIZES.count.toLocaleString("en-US")} records)`);
      await deployMigrations(embedded.url, {});
    } else {
      await recreateDatabase(embedded.adminUrl);
      await deployMigrations(embedded.url, {});
      process.env.DATABASE_URL = embedded.url;
      log(`seeding ${SIZES.count.toLocaleString("en-US")} usage records, ${SIZES.workspaces} workspaces, ${SIZES.users} users, ${SIZES.models} models over 12 months…`);
      const started = performance.now();
      seed = await seedDashboardBench(SIZES, log);
      const client = new pg.Client({ connectionString: embedded.url });
      await client.connect();
      await client.query(`CREATE TABLE IF NOT EXISTS bench_dashboard_seed (sizes jsonb NOT NULL, admin_email text NOT NULL)`);
      await client.query(`DELETE FROM bench_dashboard_seed`);
      await client.query(`INSERT INTO bench_dashboard_seed VALUES ($1, $2)`, [JSON.stringify(SIZES), seed.adminEmail]);
      await client.end();
      log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    process.env.DATABASE_URL = embedded.url;
    const { getPool, closeDb } = await import("@/lib/db/client");
    const sizes = (
      await getPool().query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM usage_records) AS records, (SELECT count(*) FROM platform_usage_series) AS platform,
                (SELECT count(*) FROM platform_latency_bins) AS latency, (SELECT count(*) FROM usage_rollups_hourly) AS hourly,
                pg_size_pretty(pg_database_size(current_database())) AS size`,
      )
    ).rows[0]!;
    log(`rows: ${Number(sizes.records).toLocaleString("en-US")} records; platform_usage_series ${Number(sizes.platform).toLocaleString("en-US")}, latency bins ${Number(sizes.latency).toLocaleString("en-US")}, cube hourly ${Number(sizes.hourly).toLocaleString("en-US")}; database ${sizes.size}`);
    const queries = await timeDashboardQueries(seed.adminEmail, TZ, log);
    const picks = (
      await getPool().query<{ workspace: string; member: string; key: string }>(
        `SELECT workspace_id AS workspace, user_id AS member, api_key_id AS key FROM usage_records
         WHERE api_key_id IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
      )
    ).rows[0]!;
    // The top five series of the drill-down's 30-day slice by credits (as the dashboard's breakdown ranks them), for
    // its "Other" drill-downs: the slice's records whose workspace, key or model is none of them.
    const sliceTo = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    const sliceFrom = new Date(sliceTo.getTime() - 30 * 86_400_000);
    const topOf = async (expr: string) =>
      (
        await getPool().query<{ k: string }>(
          `SELECT ${expr} AS k FROM usage_records WHERE created_at >= $1 AND created_at < $2 AND status <> 'pending'
           GROUP BY 1 ORDER BY sum(credits) DESC, count(*) DESC, 1 LIMIT 5`,
          [sliceFrom, sliceTo],
        )
      ).rows.map((r) => r.k);
    const tops = { workspace: await topOf("workspace_id::text"), key: await topOf("COALESCE(api_key_id::text, 'none')"), model: await topOf("model") };
    const { rows: monthRows } = await getPool().query<{ n: string }>(
      `SELECT count(*) AS n FROM usage_records WHERE created_at >= date_trunc('month', now(), 'UTC') - interval '1 month' AND created_at < date_trunc('month', now(), 'UTC')`,
    );
    await closeDb();
    if (flags["queries-only"]) return;

    server = await startAppServer({ databaseUrl: embedded.url, env: { LOG_LEVEL: "warn", SIGNIN_LIMIT_PER_IP: "1000" } });
    const cookie = await signIn(server.url, seed.adminEmail, DASHBOARD_BENCH_PASSWORD);
    const pid = server.process.pid!;
    const base = { cookie, serverPid: pid, requests: REQUESTS, warmup: WARMUP };
    const dashboard = (body: string) => {
      if (!body.includes("Usage")) throw new Error("not the usage dashboard");
    };
    const records = (body: string) => {
      const rows = body.match(/data-testid="record-row"/g)?.length ?? 0;
      if (rows === 0) throw new Error("the drill-down page listed no records");
    };
    // Every view the page offers: each preset with each bucket it allows (dashboard-search.ts), each breakdown.
    const views: [string, string][] = [["24h", "hour"], ["7d", "hour"], ["7d", "day"], ["30d", "day"], ["30d", "month"], ["90d", "day"], ["90d", "month"], ["12m", "month"]];
    const targets: { name: string; url: string; target: number; check: (b: string) => void }[] = [];
    for (const [range, bucket] of views) {
      for (const by of ["workspace", "member", "model", "key", "source", "status"]) {
        targets.push({ name: `${range} ${bucket} by ${by}`, url: `${server.url}/admin/usage?range=${range}&bucket=${bucket}&by=${by}&tz=${encodeURIComponent(TZ)}`, target: VIEW_P95_MS, check: dashboard });
      }
    }
    targets.push({ name: "12m month, one workspace, by member", url: `${server.url}/admin/usage?range=12m&bucket=month&by=member&workspace=${picks.workspace}&tz=${encodeURIComponent(TZ)}`, target: VIEW_P95_MS, check: dashboard });
    targets.push({ name: "30d day, one model", url: `${server.url}/admin/usage?range=30d&bucket=day&by=model&model=gpt-4o-mini&tz=${encodeURIComponent(TZ)}`, target: VIEW_P95_MS, check: dashboard });
    // The drill-down of a 30-day slice: every record, then one series per breakdown; first page and a later page.
    const slice = `from=${sliceFrom.toISOString()}&to=${sliceTo.toISOString()}&tz=${encodeURIComponent(TZ)}`;
    const not = (values: string[]) => values.map((v) => `&not=${encodeURIComponent(v)}`).join("");
    const keysOnly = tops.key.filter((k) => k !== "none");
    const series: [string, string][] = [
      ["all", ""], ["workspace", `&workspace=${picks.workspace}`], ["member", `&user=${picks.member}`], ["key", `&key=${picks.key}`],
      ["studio (no key)", "&key=none"], ["model", "&model=gpt-4o-mini"], ["source", "&source=studio"], ["status", "&status=failed"],
      ["other workspaces", `&other=workspace${not(tops.workspace)}`], ["other models", `&other=model${not(tops.model)}`],
      ["other keys, studio out", `&other=key${not([...keysOnly.slice(0, 4), "none"])}`],
      ["other keys, studio in", `&other=key${not(keysOnly)}`],
    ];
    for (const [name, query] of series) {
      const first = `${server.url}/admin/usage/records?${slice}${query}`;
      targets.push({ name: `drill-down ${name}, first page`, url: first, target: DRILL_P95_MS, check: records });
      // A later page: follow five "next" links from the first.
      let url = first;
      for (let i = 0; i < 5; i++) {
        const body = await (await fetch(url, { headers: { cookie } })).text();
        const next = /href="([^"]*cursor=[^"]+)"/.exec(body)?.[1]?.replaceAll("&amp;", "&");
        if (!next) break;
        url = new URL(next, server.url).toString();
      }
      if (url !== first) targets.push({ name: `drill-down ${name}, page 6`, url, target: DRILL_P95_MS, check: records });
    }
    const loadBefore = os.loadavg();
    const results: (Stats & { target: number })[] = [];
    for (const t of targets) {
      const stats = await measure(t.name, t.url, { ...base, targetP95Ms: t.target, check: t.check });
      results.push({ ...stats, target: t.target });
      log(`  ${t.name}: p50 ${stats.p50.toFixed(0)} ms, p95 ${stats.p95.toFixed(0)} ms`);
    }
    const loadAfter = os.loadavg();

    // The export: the last full calendar month, CSV, after a one-day warm-up.
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    await exportMonth(`${server.url}/admin/billing/export?from=${month}-01&to=${month}-01&format=csv`, cookie, pid);
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      idle.push(treeRssBytes(pid));
      await new Promise((r) => setTimeout(r, 50));
    }
    const rssBase = idle.sort((a, b) => a - b)[10]!;
    const exported = await exportMonth(`${server.url}/admin/billing/export?month=${month}&format=csv`, cookie, pid);
    const expectedRows = Number(monthRows[0]!.n);

    log();
    log(`${"view".padEnd(44)} ${"n".padStart(3)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)} ${"cpu/req".padStart(8)}  result`);
    for (const r of results) {
      const ms = (v: number) => `${v.toFixed(0)}ms`.padStart(8);
      log(`${r.name.padEnd(44)} ${String(r.n).padStart(3)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.max)} ${ms(r.serverCpuMs)}  ${r.pass ? "PASS" : "FAIL"} (p95 ≤ ${r.target} ms)`);
    }
    const growth = exported.peak - rssBase;
    const exportPass = growth <= RSS_LIMIT && exported.rows === expectedRows;
    log(`export ${month} (CSV): ${exported.rows.toLocaleString("en-US")} rows (expected ${expectedRows.toLocaleString("en-US")}), ${mb(exported.bytes)} in ${exported.seconds.toFixed(1)} s; server RSS ${mb(rssBase)} → peak ${mb(exported.peak)}, growth ${mb(growth)}  ${exportPass ? "PASS" : "FAIL"} (growth ≤ ${mb(RSS_LIMIT)})`);
    const missed = results.filter((r) => !r.pass);
    log(`machine: ${os.cpus().length} cores; load average (1/5/15 min) ${loadBefore.map((l) => l.toFixed(1)).join("/")} before, ${loadAfter.map((l) => l.toFixed(1)).join("/")} after (other processes share the cores)`);
    const pass = missed.length === 0 && exportPass;
    log(pass ? "PASS: every view and page within its target, the export within 100 MB" : `FAIL: ${missed.length} view(s) over target${exportPass ? "" : "; the export missed its target"}`);
    const resultsDir = path.join(ROOT, "bench", "results");
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `dashboard-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify({ sizes: SIZES, tz: TZ, requests: REQUESTS, cpus: os.cpus().length, loadBefore, loadAfter, queries, results, export: { month, ...exported, rssBase, growth, pass: exportPass }, pass }, null, 2));
    log(`results: ${path.relative(ROOT, file)}`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    await server?.stop();
    await embedded.stop();
    if (!flags.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
