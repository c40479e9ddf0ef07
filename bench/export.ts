// Billing export benchmark (issue 12): `npm run bench:export [-- --no-build] [--count 10000000] [--workspaces 10]`.
//
// Seeds `count` usage records over 12 months (bench/lib/seed-export.ts: INSERT … SELECT generate_series, a
// million rows a statement), starts Darkroom's production server on them, signs in as a platform admin and
// downloads the last full calendar month through the console's route (GET /admin/billing/export), as CSV and
// as JSON, reading the body as it arrives; the CSV download pauses for 5 s after 20 MB (a slow client: the
// server must wait, not buffer). Meanwhile the resident memory of the app's process tree is sampled every 50 ms.
// Baseline in the same run: the same month read in this process through exportUsage (the keyset pages, no
// HTTP). Prints rows/s, the ratio to the baseline and the RSS growth over the server's own
// baseline (after a warm-up download of one day) against the target of ≤ 100 MB. Results: stdout and
// bench/results/export-<time>.json. Exits 1 on a miss or a wrong row count.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startTestCluster } from "../tests/setup/test-database";
import { startAppServer, type AppServer } from "../tests/support/app-server";
import { buildApp } from "./lib/build";
import { signIn } from "./lib/measure-requests";
import { treeRssBytes } from "./lib/proc";
import { EXPORT_BENCH_PASSWORD, seedExportBench } from "./lib/seed-export";
import { timeRuns } from "./lib/time-runs";

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    count: { type: "string", default: "10000000" },
    workspaces: { type: "string", default: "10" },
  },
});
const COUNT = Number(flags.count);
const WORKSPACES = Number(flags.workspaces);
const LIMIT_BYTES = 100 * 1024 * 1024;
const SAMPLE_MS = 50;
const ROOT = path.resolve(import.meta.dirname, "..");
const log = (line = "") => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

type Download = { format: string; rows: number; bytes: number; seconds: number; rowsPerSecond: number; baseline: number; peak: number; growth: number };

/** Streams one export, counting rows as they arrive; `pauseAfter` bytes in, stops reading for 5 s once. */
async function download(url: string, cookie: string, format: "csv" | "json", pid: number, pauseAfter?: number): Promise<Omit<Download, "baseline" | "growth">> {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(treeRssBytes(pid)), SAMPLE_MS);
  const started = performance.now();
  try {
    const response = await fetch(url, { headers: { cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`export: HTTP ${response.status} ${await response.text()}`);
    let bytes = 0;
    let newlines = 0;
    let paused = pauseAfter === undefined;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      if (!paused && bytes >= pauseAfter!) {
        paused = true;
        await new Promise((r) => setTimeout(r, 5000));
      }
    }
    const seconds = (performance.now() - started) / 1000;
    // CSV: a header line and a line per row (no field here holds a line break). JSON: "[", a line per row, "]".
    const rows = format === "csv" ? newlines - 1 : newlines - 2;
    return { format, rows, bytes, seconds, rowsPerSecond: rows / seconds, peak: Math.max(...samples) };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  if (!flags["no-build"]) {
    log("building (next build)…");
    await buildApp(path.join(os.tmpdir(), "darkroom-bench-export-build.log"));
  }
  const cluster = await startTestCluster({ databaseUrl: null });
  let server: AppServer | null = null;
  try {
    const databaseUrl = await cluster.createDatabase({ prefix: "bench_export" });
    process.env.DATABASE_URL = databaseUrl;
    log(`seeding ${COUNT.toLocaleString("en-US")} usage records over 12 months in ${WORKSPACES} workspaces…`);
    const seeding = performance.now();
    const bench = await seedExportBench({ count: COUNT, workspaces: WORKSPACES, log });
    log(`seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

    const now = new Date();
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const until = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const month = since.toISOString().slice(0, 7);
    const { getPool, closeDb } = await import("@/lib/db/client");
    const { rows: counted } = await getPool().query<{ n: string }>(`SELECT count(*) AS n FROM usage_records WHERE created_at >= $1 AND created_at < $2`, [since, until]);
    const expected = Number(counted[0]!.n);
    log(`month ${month}: ${expected.toLocaleString("en-US")} records`);

    // Baseline: the same keyset pages (CSV, formatted by the database) read in this process, no HTTP.
    const { exportUsage } = await import("@/lib/billing/export-usage");
    let statementTimes: number[] = [];
    const readStarted = performance.now();
    let read = 0;
    for await (const page of await exportUsage({ since, until }, "csv")) read += page.rows;
    const readSeconds = (performance.now() - readStarted) / 1000;
    if (read !== expected) throw new Error(`in-process read found ${read} records, expected ${expected}`);
    log(`baseline (exportUsage in process): ${Math.round(read / readSeconds).toLocaleString("en-US")} rows/s (${readSeconds.toFixed(1)} s)`);
    // For the README: what one workspace's statement of that month costs (its numbers from the rollups), checked
    // against a count of the records.
    const { getWorkspaceStatement } = await import("@/lib/admin/get-workspace-statement");
    const { billingPeriodSchema } = await import("@/lib/billing/schemas");
    const { rows: first } = await getPool().query<{ slug: string }>(`SELECT slug FROM workspaces WHERE id = $1`, [bench.workspaceIds[0]]);
    const statementRuns = await timeRuns(() => getWorkspaceStatement(first[0]!.slug, billingPeriodSchema.parse({ month })), { runs: 3 });
    statementTimes = statementRuns.times;
    const statementCalls = statementRuns.last!.models.reduce((sum, m) => sum + m.calls, 0);
    const { rows: raw } = await getPool().query<{ n: string }>(
      `SELECT count(*) AS n FROM usage_records WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3`,
      [bench.workspaceIds[0], since, until],
    );
    if (statementCalls !== Number(raw[0]!.n)) throw new Error(`statement counts ${statementCalls} calls, the records ${raw[0]!.n}`);
    log(`statement of one workspace for the month (${statementCalls.toLocaleString("en-US")} calls): ${statementTimes.map((t) => `${Math.round(t)} ms`).join(", ")}`);
    await closeDb();

    server = await startAppServer({ databaseUrl, env: { LOG_LEVEL: "warn", SIGNIN_LIMIT_PER_IP: "1000" } });
    const pid = server.process.pid!;
    const cookie = await signIn(server.url, bench.adminEmail, EXPORT_BENCH_PASSWORD);
    const day = since.toISOString().slice(0, 10);
    for (const format of ["csv", "json"] as const) {
      await download(`${server.url}/admin/billing/export?from=${day}&to=${day}&format=${format}`, cookie, format, pid);
    }
    const results: Download[] = [];
    for (const format of ["csv", "json"] as const) {
      const idle: number[] = [];
      for (let i = 0; i < 20; i++) {
        idle.push(treeRssBytes(pid));
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
      }
      const baseline = idle.sort((a, b) => a - b)[Math.floor(idle.length / 2)]!;
      const d = await download(`${server.url}/admin/billing/export?month=${month}&format=${format}`, cookie, format, pid, format === "csv" ? 20 * 1024 * 1024 : undefined);
      if (d.rows !== expected) throw new Error(`${format}: ${d.rows} rows streamed, expected ${expected}`);
      results.push({ ...d, baseline, growth: d.peak - baseline });
    }

    log();
    log(`${"download".padEnd(10)} ${"rows".padStart(10)} ${"size".padStart(10)} ${"time".padStart(8)} ${"rows/s".padStart(9)} ${"× in-process".padStart(13)} ${"RSS base".padStart(10)} ${"peak".padStart(10)} ${"growth".padStart(10)}  result`);
    const baselineRate = read / readSeconds;
    for (const r of results) {
      log(`${r.format.padEnd(10)} ${r.rows.toLocaleString("en-US").padStart(10)} ${mb(r.bytes).padStart(10)} ${`${r.seconds.toFixed(1)}s`.padStart(8)} ${Math.round(r.rowsPerSecond).toLocaleString("en-US").padStart(9)} ${(r.rowsPerSecond / baselineRate).toFixed(2).padStart(13)} ${mb(r.baseline).padStart(10)} ${mb(r.peak).padStart(10)} ${mb(r.growth).padStart(10)}  ${r.growth <= LIMIT_BYTES ? "PASS" : "FAIL"} (growth ≤ ${mb(LIMIT_BYTES)})`);
    }
    log(`machine: ${os.cpus().length} cores, 1-minute load average ${os.loadavg()[0]!.toFixed(1)} (other processes share the cores)`);
    const pass = results.every((r) => r.growth <= LIMIT_BYTES);
    log(pass ? "PASS: a full month streamed with the server's RSS growth within 100 MB" : "FAIL: RSS growth over 100 MB");
    const resultsDir = path.join(ROOT, "bench", "results");
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `export-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify({ count: COUNT, month, expected, baselineRowsPerSecond: baselineRate, statementMs: statementTimes, results, pass, load: os.loadavg() }, null, 2));
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
