// Gallery benchmark (issue 4): `npm run bench:gallery [-- --no-build] [--count 100000] [--requests 100]`.
//
// One workspace with `count` images (one INSERT … SELECT generate_series, plus a few real images through the
// pipeline), Darkroom's production server on it, signed in through Auth.js's own endpoints with fetch. Then,
// sequentially, `requests` whole HTTP requests (after a warm-up) each of: the gallery's first page, a deep
// page (~page 1000, by its cursor), the same deep page as "Load more" JSON, and a filtered first page; p50 /
// p95 / p99 against the 100 ms p95 target. Thumbnails of the real images must each be ≤ 40 KB.
// Results: stdout and bench/results/gallery-<time>.json. Exits 1 when a target is missed.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startTestCluster } from "../tests/setup/test-database";
import { startAppServer, type AppServer } from "../tests/support/app-server";
import { measure, signIn, type Stats } from "./lib/measure-requests";
import { BENCH_MODELS, BENCH_PASSWORD, seedGalleryBench } from "./lib/seed-gallery";

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    count: { type: "string", default: "100000" },
    requests: { type: "string", default: "100" },
  },
});
const COUNT = Number(flags.count);
const REQUESTS = Number(flags.requests);
const WARMUP = 30;
const PAGE = 48;
const DEEP_PAGE = 1000;
const TARGET_P95_MS = 100;
const THUMB_MAX_BYTES = 40 * 1024;
const ROOT = path.resolve(import.meta.dirname, "..");
const log = (line = "") => process.stdout.write(`${line}\n`);

async function build(): Promise<void> {
  log("building (next build)…");
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (${code})`);
}

function expectThumbnails(count: number) {
  return (body: string) => {
    const found = new Set(body.match(/\/api\/files\/[0-9a-f-]{36}\?thumb=1/g) ?? []).size;
    if (found !== count) throw new Error(`expected ${count} thumbnails on the page, found ${found}`);
  };
}

async function main() {
  if (!flags["no-build"]) await build();
  const cluster = await startTestCluster({ databaseUrl: null });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-bench-gallery-"));
  let server: AppServer | null = null;
  try {
    const databaseUrl = await cluster.createDatabase({ prefix: "bench_gallery" });
    process.env.DATABASE_URL = databaseUrl;
    process.env.DATA_DIR = dataDir;
    const started = performance.now();
    const bench = await seedGalleryBench({ count: COUNT });
    log(`seeded ${COUNT.toLocaleString("en-US")} assets (+${bench.realAssetIds.length} real images) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const { getPool, closeDb } = await import("@/lib/db/client");
    const { encodeKeysetCursor } = await import("@/lib/db/keyset-cursor");
    const { rows } = await getPool().query<{ createdAt: Date; id: string }>(
      `SELECT created_at AS "createdAt", id FROM assets WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
      [bench.workspaceId, PAGE * (DEEP_PAGE - 1) - 1],
    );
    const deepCursor = encodeURIComponent(encodeKeysetCursor(rows[0]!));
    await closeDb();

    server = await startAppServer({ databaseUrl, env: { DATA_DIR: dataDir, LOG_LEVEL: "warn", SIGNIN_LIMIT_PER_IP: "1000" } });
    const cookie = await signIn(server.url, bench.email, BENCH_PASSWORD);
    const gallery = `${server.url}/${bench.slug}/gallery`;
    const timing = { cookie, serverPid: server.process.pid!, requests: REQUESTS, warmup: WARMUP, targetP95Ms: TARGET_P95_MS };
    const fullPage = { ...timing, check: expectThumbnails(PAGE) };
    const fullJson = {
      ...timing,
      check: (body: string) => {
        if ((JSON.parse(body) as { items: unknown[] }).items.length !== PAGE) throw new Error("deep JSON page is not full");
      },
    };
    const targets: [string, string, typeof fullPage][] = [
      ["first page", gallery, fullPage],
      [`deep page (~${DEEP_PAGE})`, `${gallery}?cursor=${deepCursor}`, fullPage],
      [`deep page JSON (~${DEEP_PAGE})`, `${server.url}/api/gallery/assets?workspace=${bench.slug}&cursor=${deepCursor}`, fullJson],
      ["first page, model filter", `${gallery}?model=${BENCH_MODELS[1]}`, fullPage],
      // The floor: the shell (session, membership, workspace list) around a page that queries nothing else.
      ["settings page (baseline)", `${server.url}/${bench.slug}/settings`, { ...timing, check: () => {} }],
    ];
    // Every target is warmed before any is measured, so none pays for code the server hasn't run yet.
    for (const [name, url, options] of targets) await measure(name, url, { ...options, requests: 1 });
    const loadBefore = os.loadavg()[0]!;
    const results: Stats[] = [];
    for (const [name, url, options] of targets) {
      results.push({ ...(await measure(name, url, { ...options, warmup: 5 })), baseline: name.includes("baseline") });
    }
    const loadAfter = os.loadavg()[0]!;

    const thumbs = [];
    for (const id of bench.realAssetIds) {
      const response = await fetch(`${server.url}/api/files/${id}?thumb=1`, { headers: { cookie } });
      const bytes = (await response.arrayBuffer()).byteLength;
      thumbs.push({ id, status: response.status, type: response.headers.get("content-type"), bytes, pass: response.status === 200 && bytes <= THUMB_MAX_BYTES });
    }

    log();
    log(`${"request".padEnd(30)} ${"n".padStart(4)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)} ${"cpu/req".padStart(8)}  body    result`);
    for (const r of results) {
      const ms = (v: number) => `${v.toFixed(1)}ms`.padStart(8);
      log(`${r.name.padEnd(30)} ${String(r.n).padStart(4)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)} ${ms(r.serverCpuMs)}  ${`${Math.round(r.bytes / 1024)}KB`.padEnd(6)}  ${r.baseline ? "(context: the app's floor)" : `${r.pass ? "PASS" : "FAIL"} (p95 ≤ ${TARGET_P95_MS} ms)`}`);
    }
    log(`machine: ${os.cpus().length} cores, 1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (other processes share the cores)`);
    log();
    for (const t of thumbs) log(`thumbnail ${t.id}: HTTP ${t.status} ${t.type} ${(t.bytes / 1024).toFixed(1)} KB  ${t.pass ? "PASS" : "FAIL"} (≤ 40 KB)`);
    const pass = results.every((r) => r.baseline || r.pass) && thumbs.every((t) => t.pass);
    log();
    log(pass ? "PASS: every gallery request within 100 ms at p95, every thumbnail within 40 KB" : "FAIL: a target was missed (see above)");

    const resultsDir = path.join(ROOT, "bench", "results");
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `gallery-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify({ count: COUNT, requests: REQUESTS, warmup: WARMUP, cpus: os.cpus().length, loadBefore, loadAfter, results, thumbs, pass }, null, 2));
    log(`results: ${path.relative(ROOT, file)}`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    await server?.stop();
    await cluster.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
