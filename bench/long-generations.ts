// Long-generations benchmark (issue 8 § 3): `npm run bench:long-generations [-- --no-build] [--calls N] [--duration S]`.
//
// Image models take tens of seconds per call, so the load that matters is thousands of calls in flight at once.
// In one run, on this machine: `--calls` (default 2,000) chat completions sent together, half stream and half
// not, whose fake upstream takes `--duration` s (default 30) with a progress line every `--every` s (default 5)
// and answers one image URL each; made directly against the fake upstream, through Portkey and through
// Darkroom (which also archives every image to the gallery), one target after the other.
// Measured: wall time (first call sent → last response read) and its ratio to direct; the app's resident memory
// (VmRSS of its process tree) while the calls are in flight, per call, over a baseline taken after a warm-up;
// Darkroom's event-loop delay, measured inside its process by a preloaded perf_hooks probe
// (bench/lib/loop-delay-probe.mjs: the app carries no code for it). Then: every image archived, usage records =
// successes, ledger:check clean. Results: stdout and bench/results/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startTestCluster } from "../tests/setup/test-database";
import { runCli } from "../tests/support/run-cli";
import { buildApp } from "./lib/build";
import { formatProfileSummary, summariseCpuProfile } from "./lib/cpu-profile";
import { diffHeapGroups, groupHeapSnapshot } from "./lib/heap-summary";
import { UPSTREAM_KEY } from "./lib/build-gateway-load-spec";
import { describeMachine } from "./lib/describe-machine";
import { processTree, rssBytes } from "./lib/proc";
import { runLongCalls, type LongCallResult, type LongCallTarget } from "./lib/run-long-calls";
import { closeBenchDb, countUsageRecords, seedBenchAccounts } from "./lib/seed";
import { RESULTS_DIR, ROOT, startDarkroom, startFakeUpstreamProcess, startPortkey, type Service } from "./lib/services";

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    calls: { type: "string", default: "2000" },
    duration: { type: "string", default: "30" },
    every: { type: "string", default: "5" },
    profile: { type: "boolean", default: false },
    "no-portkey": { type: "boolean", default: false },
    "heap-snapshots": { type: "boolean", default: false },
    // Extra Node options for Darkroom alone (experiments: GC settings), on top of what `npm start` passes.
    "node-options": { type: "string", default: "" },
    // Pads every prompt by this many KB: shows what a gateway keeps of each request body while its call runs.
    "prompt-kb": { type: "string", default: "0" },
  },
});
const CALLS = Number(flags.calls);
const DURATION_MS = Number(flags.duration) * 1000;
const EVERY_MS = Number(flags.every) * 1000;
const PROMPT_BYTES = Number(flags["prompt-kb"]) * 1000;
const TARGETS = { wallRatio: 1.1, kbPerCall: 100, loopP99Ms: 50 };
const KB = 1000;
const MB = 1000 * 1000;

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const runDir = path.join(RESULTS_DIR, `long-generations-${stamp}`);
const log = (line = "") => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `plateau` is null when no sample was taken with every call in flight (see memoryWindow). */
type Memory = { baseline: number; plateau: number | null; peak: number };
/**
 * When every call is in flight: from 40% of the generation time, but not before the last stream's headers arrived
 * (+1 s), until 90%. On a machine so loaded that calls were still being admitted at 90%, there is no such window
 * and no memory figure: a median taken while calls still arrive would count fewer calls than it divides by.
 */
function memoryWindow(results: LongCallResult[], startedAt: number): { fromMs: number; toMs: number } {
  const lastHeaders = Math.max(0, ...results.filter((_, i) => i % 2 === 1).map((r) => r.headersAt - startedAt));
  return { fromMs: Math.max(DURATION_MS * 0.4, lastHeaders + 1000), toMs: DURATION_MS * 0.9 };
}

type Run = { target: string; memoryWindow: { fromMs: number; toMs: number }; results: LongCallResult[]; memory: Memory | null; startedAtEpoch: number; startedAtUs: number; loadAtStart: number; loadAtEnd: number };

function openFiles(pid: number | "self"): string {
  const limits = fs.readFileSync(`/proc/${pid}/limits`, "utf8");
  const row = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
  return row ? `${row[1]} (hard ${row[2]})` : "?";
}

/**
 * RSS of a process tree every 250 ms: the median before (baseline), then during the calls. The tree is listed
 * once: walking all of /proc on every sample would cost the load generator's event loop milliseconds each time
 * on a busy machine, and slow the very clients being timed.
 */
function memoryProbe(pid: number) {
  const pids = processTree(pid);
  const treeRss = () => pids.reduce((sum, p) => sum + rssBytes(p), 0);
  const samples: { at: number; rss: number }[] = [];
  let timer: NodeJS.Timeout | undefined;
  return {
    async baseline(): Promise<number> {
      const before: number[] = [];
      for (let i = 0; i < 8; i++) {
        before.push(treeRss());
        await sleep(250);
      }
      return before.sort((a, b) => a - b)[before.length >> 1]!;
    },
    start() {
      timer = setInterval(() => samples.push({ at: performance.now(), rss: treeRss() }), 250);
    },
    /** Median over the middle of the generations (all calls in flight), and the peak of the whole run. */
    stop(startedAt: number, baseline: number, window: { fromMs: number; toMs: number }): Memory {
      clearInterval(timer);
      const inWindow = samples.filter((s) => s.at >= startedAt + window.fromMs && s.at <= startedAt + window.toMs).map((s) => s.rss);
      inWindow.sort((a, b) => a - b);
      return { baseline, plateau: inWindow.length ? inWindow[inWindow.length >> 1]! : null, peak: Math.max(0, ...samples.map((s) => s.rss)) };
    },
  };
}

type MemorySample = { at: number; rss: number; heapUsed: number; heapTotal: number; newSpace: number; oldSpace: number; external: number; arrayBuffers: number };
type ProbeReport = { p50: number; p99: number; max: number; samples: number; memory: MemorySample[] };

/** Asks the probe in `pid` for the event-loop delay since the last ask (and resets it). */
async function loopDelay(pid: number, file: string): Promise<ProbeReport | null> {
  fs.rmSync(file, { force: true });
  process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 100; i++) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
    await sleep(50);
  }
  return null;
}

/** Asks the probe in `pid` for a heap snapshot (--heap-snapshots) and waits until it is written. */
async function heapSnapshot(pid: number, file: string, n: number): Promise<string | null> {
  const target = `${file}.heap-${n}.heapsnapshot`;
  process.kill(pid, "SIGTTIN");
  for (let i = 0; i < 2400; i++) {
    if (fs.existsSync(target)) return target;
    await sleep(50);
  }
  return null;
}

/** What grew per call in flight, by kind: the median over the middle of the generations minus the median before. */
function growthByKind(before: ProbeReport | null, during: ProbeReport | null, startedAtEpoch: number, win: { fromMs: number; toMs: number }): string {
  if (!before?.memory.length || !during?.memory.length) return "no reading";
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  const window = during.memory.filter((m) => m.at >= startedAtEpoch + win.fromMs && m.at <= startedAtEpoch + win.toMs);
  if (!window.length) return "no reading with every call in flight";
  const kinds = ["rss", "heapUsed", "heapTotal", "newSpace", "oldSpace", "external", "arrayBuffers"] as const;
  return kinds
    .map((k) => `${k} ${((median(window.map((m) => m[k] ?? 0)) - median(before.memory.slice(-4).map((m) => m[k] ?? 0))) / CALLS / KB).toFixed(0)} KB`)
    .join(", ");
}

async function measure(
  target: string,
  calls: LongCallTarget,
  pid: number | null,
  label: string,
  beforeCalls?: () => Promise<unknown>,
  /** Runs halfway through the generations, every call in flight (the heap snapshot). */
  midCalls?: () => Promise<unknown>,
): Promise<Run> {
  // Warm-up: the same kind of call, short, a few at once, so the baseline is a server that has served them.
  await runLongCalls({ target: calls, calls: 20, label: `${label}-warm`, durationMs: 300, everyMs: 100 });
  const probe = pid ? memoryProbe(pid) : null;
  const baseline = probe ? await probe.baseline() : 0;
  await beforeCalls?.();
  probe?.start();
  const loadAtStart = os.loadavg()[0]!;
  const startedAt = performance.now();
  const startedAtEpoch = Date.now();
  const startedAtUs = Number(process.hrtime.bigint() / 1000n);
  const running = runLongCalls({ target: calls, calls: CALLS, label, durationMs: DURATION_MS, everyMs: EVERY_MS, promptBytes: PROMPT_BYTES });
  if (midCalls) {
    await sleep(DURATION_MS * 0.5);
    await midCalls();
  }
  const results = await running;
  const win = memoryWindow(results, startedAt);
  const memory = probe ? probe.stop(startedAt, baseline, win) : null;
  return { target, memoryWindow: win, results, memory, startedAtEpoch, startedAtUs, loadAtStart, loadAtEnd: os.loadavg()[0]! };
}

function summarize(run: Run) {
  const ok = run.results.filter((r) => r.ok).length;
  const wall = (Math.max(...run.results.map((r) => r.endedAt)) - Math.min(...run.results.map((r) => r.startedAt))) / 1000;
  const latencies = run.results.map((r) => (r.endedAt - r.startedAt) / 1000).sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const perCall = run.memory?.plateau != null ? (run.memory.plateau - run.memory.baseline) / CALLS : null;
  const errors = [...new Set(run.results.filter((r) => !r.ok).map((r) => r.error ?? "?"))].slice(0, 3);
  // When the streams' headers arrived, from the first call sent: Darkroom commits a stream once the call is
  // admitted and the provider answered, so this spread is what the burst of admissions costs.
  const first = Math.min(...run.results.map((r) => r.startedAt));
  const headers = run.results.filter((_, i) => i % 2 === 1).map((r) => (r.headersAt - first) / 1000).sort((a, b) => a - b);
  const headersPct = (p: number) => headers[Math.min(headers.length - 1, Math.floor((p / 100) * headers.length))] ?? 0;
  return {
    target: run.target,
    ok,
    wall,
    p50: pct(50),
    p99: pct(99),
    perCall,
    memory: run.memory,
    errors,
    streamHeaders: { p50: headersPct(50), p99: headersPct(99), max: headers.at(-1) ?? 0 },
    load: [run.loadAtStart, run.loadAtEnd],
  };
}

async function countArchived(databaseUrl: string, workspaceIds: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM assets WHERE workspace_id = ANY($1::uuid[]) AND kind = 'result'`, [workspaceIds]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
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
  let burstWindow: { fromUs: number; toUs: number } | undefined;
  try {
    const databaseUrl = await cluster.createDatabase({ prefix: "darkroom_bench" });
    process.env.DATABASE_URL = databaseUrl;
    const accounts = await seedBenchAccounts({ workspaces: 10, keysPerWorkspace: 1 });
    await closeBenchDb();

    const upstream = await startFakeUpstreamProcess(path.join(runDir, "fake-upstream.log"));
    services.push(upstream);
    const loopFile = path.join(runDir, "loop-delay.json");
    const probe = path.join(ROOT, "bench", "lib", "loop-delay-probe.mjs");
    const darkroom = await startDarkroom({
      databaseUrl,
      env: {
        UPSTREAM_BASE_URL: upstream.url,
        UPSTREAM_API_KEY: UPSTREAM_KEY,
        // The results' images are on the fake upstream, on loopback: allowed past the outbound guard.
        OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${upstream.port}`,
        BENCH_LOOP_DELAY_FILE: loopFile,
      },
      // --profile: Darkroom under --cpu-prof; the summary is printed once it has exited.
      nodeOptions: `--import ${probe}${flags.profile ? ` --cpu-prof --cpu-prof-dir=${path.join(runDir, "profile")}` : ""}${flags["node-options"] ? ` ${flags["node-options"]}` : ""}`,
      logFile: path.join(runDir, "darkroom.log"),
    });
    services.push(darkroom);
    const portkeyLoopFile = path.join(runDir, "portkey-loop-delay.json");
    const portkey = flags["no-portkey"] ? null : await startPortkey(path.join(runDir, "portkey.log"), { imports: [probe], env: { BENCH_LOOP_DELAY_FILE: portkeyLoopFile } });
    if (portkey) services.push(portkey);

    log(`machine: ${describeMachine()}`);
    log(`load: ${CALLS} calls at once (half stream), upstream ${DURATION_MS / 1000} s each with a progress line every ${EVERY_MS / 1000} s, one image URL each${PROMPT_BYTES ? `, prompts padded by ${PROMPT_BYTES / 1000} KB` : ""}`);
    log(`open files: bench ${openFiles("self")}, Darkroom ${openFiles(darkroom.pid)}, Portkey ${portkey ? openFiles(portkey.pid) : "–"}, fake upstream ${openFiles(upstream.pid)}`);
    const loadAtStart = os.loadavg();
    log(`load average (1, 5, 15 min) before the run: ${loadAtStart.map((l) => l.toFixed(1)).join(" ")}${loadAtStart[0]! > os.cpus().length ? " (other work competes for the cores: absolute times are noisy, compare the ratios)" : ""}`);

    const runs: Run[] = [];
    let portkeyBefore: ProbeReport | null = null;
    log("direct…");
    // The fake upstream's memory is sampled too, only so the load generator does the same work for every target.
    runs.push(await measure("direct", { url: `${upstream.url}/chat/completions`, headers: () => ({ authorization: `Bearer ${UPSTREAM_KEY}` }) }, upstream.pid, "direct"));
    let portkeyLoop: ProbeReport | null = null;
    if (portkey) {
      log("portkey…");
      const portkeyHeaders = { authorization: `Bearer ${UPSTREAM_KEY}`, "x-portkey-provider": "openai", "x-portkey-custom-host": upstream.url };
      // Each app's event-loop window starts afresh after its warm-up (beforeCalls) and ends with its last response.
      runs.push(await measure("portkey", { url: `${portkey.url}/v1/chat/completions`, headers: () => portkeyHeaders }, portkey.pid, "portkey", async () => (portkeyBefore = await loopDelay(portkey.pid, portkeyLoopFile))));
      portkeyLoop = await loopDelay(portkey.pid, portkeyLoopFile);
    }
    log("darkroom…");
    const darkroomTarget = { url: `${darkroom.url}/v1/chat/completions`, headers: (i: number) => ({ authorization: `Bearer ${accounts.spreadKeys[i % accounts.spreadKeys.length]}` }) };
    let darkroomBefore: ProbeReport | null = null;
    const snapshots: (string | null)[] = [];
    const snapshot = flags["heap-snapshots"] ? async () => snapshots.push(await heapSnapshot(darkroom.pid, loopFile, snapshots.length + 1)) : undefined;
    const darkroomRun = await measure(
      "darkroom",
      darkroomTarget,
      darkroom.pid,
      "darkroom",
      async () => {
        await snapshot?.();
        darkroomBefore = await loopDelay(darkroom.pid, loopFile);
      },
      snapshot,
    );
    runs.push(darkroomRun);
    burstWindow = { fromUs: darkroomRun.startedAtUs, toUs: darkroomRun.startedAtUs + summarize(darkroomRun).streamHeaders.max * 1e6 };
    const loopDuringCalls = await loopDelay(darkroom.pid, loopFile);
    const callsEndedAt = performance.now();

    // Archiving starts as each call ends: wait (bounded) until every successful call's image is in the gallery.
    const darkroomOk = darkroomRun.results.filter((r) => r.ok).length;
    const warmupCalls = 20;
    let archived = await countArchived(databaseUrl, accounts.spreadWorkspaceIds);
    while (archived < darkroomOk + warmupCalls && performance.now() - callsEndedAt < 300_000) {
      await sleep(250);
      archived = await countArchived(databaseUrl, accounts.spreadWorkspaceIds);
    }
    const archiveSeconds = (performance.now() - callsEndedAt) / 1000;
    const loopWhileArchiving = await loopDelay(darkroom.pid, loopFile);

    let counts = await countUsageRecords(databaseUrl, accounts.spreadWorkspaceIds);
    for (let i = 0; i < 300 && (counts.byStatus.pending ?? 0) > 0; i++) {
      await sleep(100);
      counts = await countUsageRecords(databaseUrl, accounts.spreadWorkspaceIds);
    }
    const ledger = await runCli(["ledger:check", "--json"], { DATABASE_URL: databaseUrl });
    const ledgerOk = ledger.code === 0 && (ledger.json as { ok?: boolean } | undefined)?.ok === true;

    const rows = runs.map(summarize);
    const direct = rows[0]!;
    const dr = rows.at(-1)!;
    const pk = portkey ? rows[1]! : null;
    const kb = (bytes: number | null) => (bytes === null ? "–" : `${(bytes / KB).toFixed(0)} KB`);
    const table = [
      "| target | load avg (1 min) start → end | ok | wall | × direct | call p50 | call p99 | stream headers p50 / p99 / last | RSS baseline | RSS in flight (median) | peak | growth per call in flight |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows.map(
        (r) =>
          `| ${r.target} | ${r.load[0]!.toFixed(1)} → ${r.load[1]!.toFixed(1)} | ${r.ok}/${CALLS} | ${r.wall.toFixed(1)} s | ${(r.wall / direct.wall).toFixed(3)} | ${r.p50.toFixed(1)} s | ${r.p99.toFixed(1)} s | ${r.streamHeaders.p50.toFixed(2)} / ${r.streamHeaders.p99.toFixed(2)} / ${r.streamHeaders.max.toFixed(2)} s | ${r.memory ? `${(r.memory.baseline / MB).toFixed(0)} MB` : "–"} | ${r.memory ? r.memory.plateau === null ? "no window" : `${(r.memory.plateau / MB).toFixed(0)} MB` : "–"} | ${r.memory ? `${(r.memory.peak / MB).toFixed(0)} MB` : "–"} | ${kb(r.perCall)} |`,
      ),
    ];
    log("");
    for (const line of table) log(line);
    log("");
    const pkRatios = pk ? `, Portkey/direct ${(pk.wall / direct.wall).toFixed(3)}, Darkroom/Portkey ${(dr.wall / pk.wall).toFixed(3)}; memory per call Darkroom/Portkey ${dr.perCall !== null && pk.perCall ? (dr.perCall / pk.perCall).toFixed(2) : "–"}` : "";
    log(`ratios: Darkroom/direct ${(dr.wall / direct.wall).toFixed(3)}${pkRatios}`);
    const delay = (d: Awaited<ReturnType<typeof loopDelay>>) => (d ? `p50 ${d.p50} ms, p99 ${d.p99} ms, max ${d.max} ms (${d.samples} samples)` : "no reading");
    log(`event-loop delay while the calls ran: Darkroom ${delay(loopDuringCalls)}; Portkey ${delay(portkeyLoop)}`);
    log(`Darkroom's event-loop delay while archiving after the calls: ${delay(loopWhileArchiving)}`);
    log(`growth per call in flight by kind (process.memoryUsage): Darkroom ${growthByKind(darkroomBefore, loopDuringCalls, darkroomRun.startedAtEpoch, darkroomRun.memoryWindow)}; Portkey ${portkey ? growthByKind(portkeyBefore, portkeyLoop, runs[1]!.startedAtEpoch, runs[1]!.memoryWindow) : "not run"}`);
    for (const r of rows) if (r.errors.length) log(`${r.target} failures: ${r.errors.join(" | ")}`);

    const checks = [
      { name: `all ${CALLS} calls succeed through Darkroom`, pass: dr.ok === CALLS, detail: `${dr.ok}/${CALLS} (direct ${direct.ok}, Portkey ${pk?.ok ?? "–"})` },
      { name: `Darkroom wall time ≤ ${TARGETS.wallRatio}× direct`, pass: dr.wall <= TARGETS.wallRatio * direct.wall, detail: `${dr.wall.toFixed(1)} s vs ${direct.wall.toFixed(1)} s = ${(dr.wall / direct.wall).toFixed(3)}×` },
      { name: `app RSS growth ≤ ${TARGETS.kbPerCall} KB per call in flight`, pass: dr.perCall !== null && dr.perCall <= TARGETS.kbPerCall * KB, detail: `${dr.perCall === null ? "not measured: calls were still being admitted at 90% of the generation time" : kb(dr.perCall)} (Portkey ${kb(pk?.perCall ?? null)}); median from ${(darkroomRun.memoryWindow.fromMs / 1000).toFixed(1)} to ${(darkroomRun.memoryWindow.toMs / 1000).toFixed(1)} s after the first call` },
      { name: `event-loop delay p99 ≤ ${TARGETS.loopP99Ms} ms while the calls run`, pass: loopDuringCalls !== null && loopDuringCalls.p99 <= TARGETS.loopP99Ms, detail: `${delay(loopDuringCalls)} (Portkey ${delay(portkeyLoop)})` },
      { name: "every image archived", pass: archived === dr.ok + warmupCalls, detail: `${archived} result assets for ${dr.ok} + ${warmupCalls} warm-up successes, ${archiveSeconds.toFixed(1)} s after the last response` },
      { name: "usage records = successes", pass: counts.total === dr.ok + warmupCalls && (counts.byStatus.succeeded ?? 0) === dr.ok + warmupCalls, detail: `${counts.total} records ${JSON.stringify(counts.byStatus)} for ${dr.ok} + ${warmupCalls} warm-up successes` },
      { name: "ledger:check", pass: ledgerOk, detail: ledger.stdout.trim().slice(0, 300) || ledger.stderr.trim().slice(-300) },
    ];
    log("");
    for (const c of checks) log(`${c.pass ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`);
    pass = checks.every((c) => c.pass);
    const loadAtEnd = os.loadavg();
    log(`\nload average (1, 5, 15 min) before the run: ${loadAtStart.map((l) => l.toFixed(1)).join(" ")}; after: ${loadAtEnd.map((l) => l.toFixed(1)).join(" ")} (${os.cpus().length} cores)`);
    if (flags["heap-snapshots"]) {
      log("heap snapshots taken: the Darkroom run's timings include the pauses they cost");
      const [before, during] = snapshots;
      if (before && during) {
        log(`\nDarkroom's JS heap, before the calls → halfway through them (${path.relative(ROOT, before)}, ${path.relative(ROOT, during)}):`);
        for (const line of diffHeapGroups(groupHeapSnapshot(before), groupHeapSnapshot(during), CALLS)) log(line);
      } else log("a heap snapshot was not written in time");
    }

    const machine = { describe: describeMachine(), loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAtEnd };
    fs.writeFileSync(path.join(runDir, "results.json"), JSON.stringify({ calls: CALLS, durationMs: DURATION_MS, everyMs: EVERY_MS, machine, rows, loopDuringCalls, portkeyLoop, loopWhileArchiving, archived, archiveSeconds, counts, checks }, null, 2));
    fs.writeFileSync(path.join(runDir, "table.md"), `${table.join("\n")}\n`);
    log(`\nresults: ${path.relative(ROOT, runDir)}`);
  } finally {
    for (const s of services.reverse()) await s.stop().catch(() => {});
    await cluster.stop();
  }
  if (flags.profile) {
    const dir = path.join(runDir, "profile");
    // The main process's profile is the largest (start-up children, e.g. the migration runner, write small ones).
    const files = (fs.existsSync(dir) ? fs.readdirSync(dir) : []).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
    const main = files[0];
    if (main && burstWindow) {
      log(`\nCPU profile of Darkroom (${path.relative(ROOT, main)}), the burst: from the first call sent until the last stream's headers arrived:`);
      log(formatProfileSummary(summariseCpuProfile(main, ROOT, 25, burstWindow)));
      log(`\nthe same profile, the whole run (start-up, the calls, archiving):`);
      log(formatProfileSummary(summariseCpuProfile(main, ROOT, 15)));
    }
  }
  process.exitCode = pass ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
