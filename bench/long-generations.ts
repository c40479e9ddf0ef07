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
import { startTestCluster } from "../tests/setup/test-database";
import { buildApp } from "./lib/build";
import { formatDelay, growthByKind, heapSnapshot, loopDelay, type ProbeReport } from "./lib/app-probe";
import { UPSTREAM_KEY } from "./lib/build-gateway-load-spec";
import { checkLongRunBooks } from "./lib/check-long-run-books";
import { formatProfileSummary, summariseCpuProfile } from "./lib/cpu-profile";
import { describeMachine } from "./lib/describe-machine";
import { diffHeapGroups, groupHeapSnapshot } from "./lib/heap-summary";
import { measureLongRun, type LongRun } from "./lib/measure-long-run";
import { closeBenchDb, seedBenchAccounts } from "./lib/seed";
import { RESULTS_DIR, ROOT, startDarkroom, startFakeUpstreamProcess, startPortkey, type Service } from "./lib/services";
import { formatKb, longRunTable, summarizeLongRun } from "./lib/summarize-long-run";

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
    // Extra environment for Darkroom alone (experiments: `ARCHIVE_CONCURRENCY=4 UV_TCP_SINGLE_ACCEPT=1`).
    "darkroom-env": { type: "string", default: "" },
    // Pads every prompt by this many KB: shows what a gateway keeps of each request body while its call runs.
    "prompt-kb": { type: "string", default: "0" },
  },
});
const OPTIONS = { calls: Number(flags.calls), durationMs: Number(flags.duration) * 1000, everyMs: Number(flags.every) * 1000, promptBytes: Number(flags["prompt-kb"]) * 1000 };
const CALLS = OPTIONS.calls;
const WARMUP_CALLS = 20; // measureLongRun's warm-up: they are archived and recorded too
const TARGETS = { wallRatio: 1.1, kbPerCall: 100, loopP99Ms: 50 };

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const runDir = path.join(RESULTS_DIR, `long-generations-${stamp}`);
const log = (line = "") => process.stdout.write(`${line}\n`);

function openFiles(pid: number | "self"): string {
  const limits = fs.readFileSync(`/proc/${pid}/limits`, "utf8");
  const row = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
  return row ? `${row[1]} (hard ${row[2]})` : "?";
}

type Window = { fromUs: number; toUs: number };

/**
 * Where Darkroom's CPU went (--profile): during the burst (first call sent → last stream's headers), at the end
 * (the first upstream answer's end, first call sent + duration → the last response), then overall.
 */
function printProfile(burstWindow: Window | undefined, endWindow: Window | undefined) {
  const dir = path.join(runDir, "profile");
  // The main process's profile is the largest (start-up children, e.g. the migration runner, write small ones).
  const files = (fs.existsSync(dir) ? fs.readdirSync(dir) : []).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  const main = files[0];
  if (!main || !burstWindow) return;
  log(`\nCPU profile of Darkroom (${path.relative(ROOT, main)}), the burst: from the first call sent until the last stream's headers arrived:`);
  log(formatProfileSummary(summariseCpuProfile(main, ROOT, 25, burstWindow)));
  if (endWindow) {
    log(`\nthe end: from the first call sent + the generation time until the last response:`);
    log(formatProfileSummary(summariseCpuProfile(main, ROOT, 20, endWindow)));
  }
  log(`\nthe same profile, the whole run (start-up, the calls, archiving):`);
  log(formatProfileSummary(summariseCpuProfile(main, ROOT, 15)));
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
  let burstWindow: Window | undefined;
  let endWindow: Window | undefined;
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
        ...Object.fromEntries(flags["darkroom-env"].split(/\s+/).filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)])),
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
    log(`load: ${CALLS} calls at once (half stream), upstream ${OPTIONS.durationMs / 1000} s each with a progress line every ${OPTIONS.everyMs / 1000} s, one image URL each${OPTIONS.promptBytes ? `, prompts padded by ${OPTIONS.promptBytes / 1000} KB` : ""}`);
    log(`open files: bench ${openFiles("self")}, Darkroom ${openFiles(darkroom.pid)}, Portkey ${portkey ? openFiles(portkey.pid) : "–"}, fake upstream ${openFiles(upstream.pid)}`);
    const loadAtStart = os.loadavg();
    log(`load average (1, 5, 15 min) before the run: ${loadAtStart.map((l) => l.toFixed(1)).join(" ")}${loadAtStart[0]! > os.cpus().length ? " (other work competes for the cores: absolute times are noisy, compare the ratios)" : ""}`);

    const runs: LongRun[] = [];
    log("direct…");
    // The fake upstream's memory is sampled too, only so the load generator does the same work for every target.
    runs.push(await measureLongRun("direct", { url: `${upstream.url}/chat/completions`, headers: () => ({ authorization: `Bearer ${UPSTREAM_KEY}` }) }, upstream.pid, OPTIONS));
    let portkeyBefore: ProbeReport | null = null;
    let portkeyLoop: ProbeReport | null = null;
    if (portkey) {
      log("portkey…");
      const portkeyHeaders = { authorization: `Bearer ${UPSTREAM_KEY}`, "x-portkey-provider": "openai", "x-portkey-custom-host": upstream.url };
      // Each app's event-loop window starts afresh after its warm-up (beforeCalls) and ends with its last response.
      runs.push(await measureLongRun("portkey", { url: `${portkey.url}/v1/chat/completions`, headers: () => portkeyHeaders }, portkey.pid, OPTIONS, { beforeCalls: async () => (portkeyBefore = await loopDelay(portkey.pid, portkeyLoopFile)) }));
      portkeyLoop = await loopDelay(portkey.pid, portkeyLoopFile);
    }
    log("darkroom…");
    const darkroomTarget = { url: `${darkroom.url}/v1/chat/completions`, headers: (i: number) => ({ authorization: `Bearer ${accounts.spreadKeys[i % accounts.spreadKeys.length]}` }) };
    let darkroomBefore: ProbeReport | null = null;
    const snapshots: (string | null)[] = [];
    const snapshot = flags["heap-snapshots"] ? async () => snapshots.push(await heapSnapshot(darkroom.pid, loopFile, snapshots.length + 1)) : undefined;
    const darkroomRun = await measureLongRun("darkroom", darkroomTarget, darkroom.pid, OPTIONS, {
      beforeCalls: async () => {
        await snapshot?.();
        darkroomBefore = await loopDelay(darkroom.pid, loopFile);
      },
      midCalls: snapshot,
    });
    runs.push(darkroomRun);
    const loopDuringCalls = await loopDelay(darkroom.pid, loopFile);
    const darkroomOk = darkroomRun.results.filter((r) => r.ok).length;
    const books = await checkLongRunBooks(databaseUrl, accounts.spreadWorkspaceIds, darkroomOk + WARMUP_CALLS, performance.now());
    const loopWhileArchiving = await loopDelay(darkroom.pid, loopFile);

    const rows = runs.map(summarizeLongRun);
    const [direct, dr] = [rows[0]!, rows.at(-1)!];
    const pk = portkey ? rows[1]! : null;
    burstWindow = { fromUs: darkroomRun.startedAtUs, toUs: darkroomRun.startedAtUs + dr.streamHeaders.max * 1e6 };
    endWindow = { fromUs: darkroomRun.startedAtUs + OPTIONS.durationMs * 1000, toUs: darkroomRun.startedAtUs + dr.wall * 1e6 };
    const table = longRunTable(rows);
    log("");
    for (const line of table) log(line);
    log("");
    const pkRatios = pk ? `, Portkey/direct ${(pk.wall / direct.wall).toFixed(3)}, Darkroom/Portkey ${(dr.wall / pk.wall).toFixed(3)}; memory per call Darkroom/Portkey ${dr.perCall !== null && pk.perCall ? (dr.perCall / pk.perCall).toFixed(2) : "–"}` : "";
    log(`ratios: Darkroom/direct ${(dr.wall / direct.wall).toFixed(3)}${pkRatios}`);
    log(`event-loop delay while the calls ran: Darkroom ${formatDelay(loopDuringCalls)}; Portkey ${formatDelay(portkeyLoop)}`);
    log(`Darkroom's event-loop delay while archiving after the calls: ${formatDelay(loopWhileArchiving)}`);
    log(`growth per call in flight by kind (process.memoryUsage): Darkroom ${growthByKind(darkroomBefore, loopDuringCalls, CALLS, darkroomRun.startedAtEpoch, darkroomRun.memoryWindow)}; Portkey ${portkey ? growthByKind(portkeyBefore, portkeyLoop, CALLS, runs[1]!.startedAtEpoch, runs[1]!.memoryWindow) : "not run"}`);
    for (const r of rows) if (r.errors.length) log(`${r.target} failures: ${r.errors.join(" | ")}`);

    const expected = dr.ok + WARMUP_CALLS;
    const checks = [
      { name: `all ${CALLS} calls succeed through Darkroom`, pass: dr.ok === CALLS, detail: `${dr.ok}/${CALLS} (direct ${direct.ok}, Portkey ${pk?.ok ?? "–"})` },
      { name: `Darkroom wall time ≤ ${TARGETS.wallRatio}× direct`, pass: dr.wall <= TARGETS.wallRatio * direct.wall, detail: `${dr.wall.toFixed(1)} s vs ${direct.wall.toFixed(1)} s = ${(dr.wall / direct.wall).toFixed(3)}×` },
      { name: `app RSS growth ≤ ${TARGETS.kbPerCall} KB per call in flight`, pass: dr.perCall !== null && dr.perCall <= TARGETS.kbPerCall * 1000, detail: `${dr.perCall === null ? "not measured: calls were still being admitted at 90% of the generation time" : formatKb(dr.perCall)} (Portkey ${formatKb(pk?.perCall ?? null)}); median from ${(darkroomRun.memoryWindow.fromMs / 1000).toFixed(1)} to ${(darkroomRun.memoryWindow.toMs / 1000).toFixed(1)} s after the first call` },
      { name: `event-loop delay p99 ≤ ${TARGETS.loopP99Ms} ms while the calls run`, pass: loopDuringCalls !== null && loopDuringCalls.p99 <= TARGETS.loopP99Ms, detail: `${formatDelay(loopDuringCalls)} (Portkey ${formatDelay(portkeyLoop)})` },
      { name: "every image archived", pass: books.archived === expected, detail: `${books.archived} result assets for ${dr.ok} + ${WARMUP_CALLS} warm-up successes, ${books.archiveSeconds.toFixed(1)} s after the last response` },
      { name: "usage records = successes", pass: books.counts.total === expected && (books.counts.byStatus.succeeded ?? 0) === expected, detail: `${books.counts.total} records ${JSON.stringify(books.counts.byStatus)} for ${dr.ok} + ${WARMUP_CALLS} warm-up successes` },
      { name: "ledger:check", pass: books.ledgerOk, detail: books.ledgerDetail },
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
    fs.writeFileSync(path.join(runDir, "results.json"), JSON.stringify({ ...OPTIONS, machine, rows, loopDuringCalls, portkeyLoop, loopWhileArchiving, books, checks }, null, 2));
    fs.writeFileSync(path.join(runDir, "table.md"), `${table.join("\n")}\n`);
    log(`\nresults: ${path.relative(ROOT, runDir)}`);
  } finally {
    for (const s of services.reverse()) await s.stop().catch(() => {});
    await cluster.stop();
  }
  if (flags.profile) printProfile(burstWindow, endWindow);
  process.exitCode = pass ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
