// Stream memory benchmark (issue 3): `npm run bench:stream-memory [-- --no-build] [--streams N]`.
//
// Darkroom's production server relays 100 concurrent stream responses, each carrying one >4 MiB base64 image in
// a single SSE event (the fake upstream's `huge-image` scenario), to clients that read every byte and keep none.
// The resident memory (VmRSS) of the whole app process tree is sampled every 50 ms before and during; the peak
// growth over the baseline must stay ≤ 150 MB. Then: every response ended with [DONE], one settled usage record
// per request with the image counted, and ledger:check is clean.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { startTestCluster } from "../tests/setup/test-database";
import { runCli } from "../tests/support/run-cli";
import { buildApp } from "./lib/build";
import { treeRssBytes } from "./lib/proc";
import { baselineRss, sampleTreeRss } from "./lib/rss-sampler";
import { closeBenchDb, countUsageRecords, seedBenchAccounts } from "./lib/seed";
import { RESULTS_DIR, startDarkroom, startFakeUpstreamProcess, type Service } from "./lib/services";

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    streams: { type: "string", default: "100" },
  },
});
const STREAMS = Number(flags.streams);
const WARMUP_STREAMS = 10;
const MB = 1000 * 1000;
const LIMIT_BYTES = 150 * MB;
const SAMPLE_MS = 50;
const TIMEOUT_MS = 120_000;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const log = (line = "") => process.stdout.write(`${line}\n`);
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const runDir = path.join(RESULTS_DIR, `stream-memory-${stamp}`);

const DONE = Buffer.from("data: [DONE]");

type StreamResult = { status: number; bytes: number; done: boolean; error?: string };

/** One stream request, read to the end; only the byte count and the last few bytes are kept. */
async function streamOnce(url: string, key: string, dispatcher: Agent): Promise<StreamResult> {
  try {
    const res = await request(`${url}/v1/chat/completions`, {
      method: "POST",
      dispatcher,
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({
        model: "gpt-4o-image",
        stream: true,
        messages: [{ role: "user", content: "Make it brighter. [[scenario:huge-image]]" }],
      }),
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    let bytes = 0;
    let tail = Buffer.alloc(0);
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      tail = Buffer.concat([tail, chunk.subarray(Math.max(0, chunk.length - 64))]).subarray(-64);
    }
    return { status: res.statusCode, bytes, done: tail.includes(DONE) };
  } catch (error) {
    return { status: 0, bytes: 0, done: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function main() {
  fs.mkdirSync(runDir, { recursive: true });
  if (!flags["no-build"]) {
    log("building (next build)…");
    await buildApp(path.join(runDir, "build.log"));
  }
  const services: Service[] = [];
  const cluster = await startTestCluster({ databaseUrl: null });
  let pass = false;
  try {
    const databaseUrl = await cluster.createDatabase({ prefix: "darkroom_bench" });
    process.env.DATABASE_URL = databaseUrl;
    const accounts = await seedBenchAccounts({ workspaces: 10, keysPerWorkspace: 1 });
    await closeBenchDb();
    const upstream = await startFakeUpstreamProcess(path.join(runDir, "fake-upstream.log"));
    services.push(upstream);
    const darkroom = await startDarkroom({
      databaseUrl,
      env: { UPSTREAM_BASE_URL: upstream.url, UPSTREAM_API_KEY: "bench-upstream-key" },
      logFile: path.join(runDir, "darkroom.log"),
    });
    services.push(darkroom);
    const dispatcher = new Agent({ connections: STREAMS, keepAliveTimeout: 10_000 });
    log(`${os.cpus().length} cores, Node ${process.version}; Darkroom pid ${darkroom.pid}; load average ${os.loadavg()[0]!.toFixed(1)}`);
    const atStart = treeRssBytes(darkroom.pid);

    // Warm-up, so the baseline is a server that has served this kind of traffic (route modules loaded and compiled,
    // the JavaScript heap sized for streaming): a few streams one after another, then WARMUP_STREAMS at once.
    const warmups: StreamResult[] = [];
    for (let i = 0; i < 3; i++) warmups.push(await streamOnce(darkroom.url, accounts.spreadKeys[i % 10]!, dispatcher));
    warmups.push(...(await Promise.all(Array.from({ length: WARMUP_STREAMS }, (_, i) => streamOnce(darkroom.url, accounts.spreadKeys[i % 10]!, dispatcher)))));
    const image = warmups[0]!.bytes;
    log(`one response: ${mb(image)} (status ${warmups[0]!.status}, [DONE] ${warmups[0]!.done})`);

    const baseline = await baselineRss(darkroom.pid, 2000, SAMPLE_MS);

    const during = sampleTreeRss(darkroom.pid, SAMPLE_MS);
    const startedAt = Date.now();
    const results = await Promise.all(Array.from({ length: STREAMS }, (_, i) => streamOnce(darkroom.url, accounts.spreadKeys[i % 10]!, dispatcher)));
    const seconds = (Date.now() - startedAt) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
    during.stop();
    await dispatcher.close();
    const peak = Math.max(...during.samples.map((s) => s.rss));
    const growth = peak - baseline;

    const complete = results.filter((r) => r.status === 200 && r.done).length;
    const relayed = results.reduce((sum, r) => sum + r.bytes, 0);
    // What the incomplete ones got: an error answer (status) or a transport error.
    const errors = results.filter((r) => r.error || r.status !== 200 || !r.done).map((r) => r.error ?? `HTTP ${r.status}${r.done ? "" : ", no [DONE]"}`);

    let counts = await countUsageRecords(databaseUrl, accounts.spreadWorkspaceIds);
    for (let i = 0; i < 100 && (counts.byStatus.pending ?? 0) > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      counts = await countUsageRecords(databaseUrl, accounts.spreadWorkspaceIds);
    }
    const requests = warmups.length + STREAMS;
    const ledger = await runCli(["ledger:check", "--json"], { DATABASE_URL: databaseUrl });
    const ledgerOk = ledger.code === 0 && (ledger.json as { ok?: boolean } | undefined)?.ok === true;
    const { imagesOk, imagesDetail } = await checkImages(databaseUrl, accounts.spreadWorkspaceIds, requests);

    const checks = [
      { name: `peak RSS growth of the app process tree ≤ ${mb(LIMIT_BYTES)}`, pass: growth <= LIMIT_BYTES, detail: `${mb(growth)} (baseline ${mb(baseline)}, peak ${mb(peak)}; ${mb(atStart)} right after start-up)` },
      { name: `${STREAMS} responses complete (200 … [DONE])`, pass: complete === STREAMS, detail: `${complete}/${STREAMS} complete, ${mb(relayed)} relayed in ${seconds.toFixed(1)} s${errors.length ? `; errors: ${[...new Set(errors)].join("; ")}` : ""}` },
      { name: "one settled usage record per request", pass: counts.total === requests && (counts.byStatus.succeeded ?? 0) === requests, detail: `${requests} requests; ${counts.total} records ${JSON.stringify(counts.byStatus)}` },
      { name: "each record counts its one image", pass: imagesOk, detail: imagesDetail },
      { name: "ledger:check", pass: ledgerOk, detail: ledger.stdout.trim() || ledger.stderr.trim().slice(-300) },
    ];
    log("");
    for (const c of checks) log(`${c.pass ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`);
    pass = checks.every((c) => c.pass);
    const summary = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, Node ${process.version}`,
      streams: STREAMS,
      responseBytes: image,
      baseline,
      peak,
      growth,
      atStart,
      seconds,
      checks,
      samples: during.samples,
    };
    fs.writeFileSync(path.join(runDir, "results.json"), JSON.stringify(summary, null, 2));
    fs.writeFileSync(
      path.join(RESULTS_DIR, "stream-memory-latest.md"),
      `Measured ${summary.date.slice(0, 10)} with \`npm run bench:stream-memory\` (${summary.machine}): ${STREAMS} concurrent streams of ${mb(image)} each ` +
        `(one base64 image in one event): app process tree RSS baseline ${mb(baseline)}, peak ${mb(peak)}, growth ${mb(growth)} ` +
        `(limit ${mb(LIMIT_BYTES)}: ${growth <= LIMIT_BYTES ? "PASS" : "FAIL"}); ${complete}/${STREAMS} complete in ${seconds.toFixed(1)} s; ` +
        `usage records and ledger:check ${checks.slice(2).every((c) => c.pass) ? "exact" : "NOT exact"}.\n`,
    );
    log(`\nresults: ${path.relative(process.cwd(), runDir)}/`);
  } finally {
    for (const service of services.reverse()) await service.stop().catch(() => {});
    await cluster.stop().catch(() => {});
  }
  process.exitCode = pass ? 0 : 1;
}

/** Every usage record of the run says one image was returned. */
async function checkImages(databaseUrl: string, workspaceIds: string[], requests: number): Promise<{ imagesOk: boolean; imagesDetail: string }> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ images: number; n: string }>(
      `SELECT images, count(*) AS n FROM usage_records WHERE workspace_id = ANY($1::uuid[]) GROUP BY images ORDER BY images`,
      [workspaceIds],
    );
    const withOne = Number(rows.find((r) => r.images === 1)?.n ?? 0);
    return { imagesOk: withOne === requests, imagesDetail: `records by images returned: ${rows.map((r) => `${r.images}→${r.n}`).join(", ")}` };
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
