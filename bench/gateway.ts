// Gateway benchmark (issue 3): `npm run bench:gateway [-- --no-build] [--seconds N] [--rounds N] [--profile]`.
//
// In one run, on this machine, with autocannon's programmatic API from this process:
//   direct    the fake upstream itself (the floor: what any gateway adds is measured against it)
//   ping      GET /api/ping of Darkroom's production server (a trivial Next.js route: the architecture's ceiling)
//   darkroom  POST /v1/chat/completions with full accounting, keys of 10 workspaces (and again: 10 keys of one)
//   portkey   Portkey's open-source gateway in front of the same fake upstream
// each non-stream and stream (ping: GET only), at 1 and 50 connections. Then: ledger:check, and usage records ==
// 2xx responses Darkroom returned. When a target is missed (or with --profile), a profiling pass runs the
// Darkroom server under --cpu-prof and prints where its time goes. Results: stdout and bench/results/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startTestCluster } from "../tests/setup/test-database";
import { runCli } from "../tests/support/run-cli";
import { buildApp } from "./lib/build";
import { formatProfileSummary, summariseCpuProfile } from "./lib/cpu-profile";
import { measure, mergeResults, type LoadResult, type LoadSpec } from "./lib/load";
import { ownCpuSeconds, treeCpuSeconds } from "./lib/proc";
import { closeBenchDb, countUsageRecords, seedBenchAccounts, type BenchAccounts } from "./lib/seed";
import { RESULTS_DIR, ROOT, startDarkroom, startFakeUpstreamProcess, startPortkey, type Service } from "./lib/services";

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "2" },
    profile: { type: "boolean", default: false },
  },
});
const SECONDS = Number(flags.seconds);
// Each cell is measured in ROUNDS interleaved passes (SECONDS in all), so drifting background load on a shared
// machine hits every target alike instead of whichever happened to run while it peaked.
const ROUNDS = Math.max(1, Number(flags.rounds));
const CONNECTIONS = [1, 50] as const;
const MODEL = "gpt-4o-image";
const UPSTREAM_KEY = "bench-upstream-key";
// The fake upstream's `text` scenario: a ~300-byte completion (stream: 5 small events), so the run measures
// per-request overhead rather than bytes. The marker travels in the prompt: Portkey drops unknown body fields.
const PROMPT = "Describe a quiet darkroom. [[scenario:text]]";
const body = (stream: boolean) => JSON.stringify({ model: MODEL, messages: [{ role: "user", content: PROMPT }], ...(stream ? { stream: true } : {}) });

type Target = "direct" | "ping" | "darkroom-10ws" | "darkroom-1ws" | "portkey";
type Mode = "non-stream" | "stream" | "GET";
type Row = { target: Target; mode: Mode; connections: number; warmup: LoadResult; result: LoadResult; cpuMsPerRequest: Record<string, number>; profiled?: boolean };

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const runDir = path.join(RESULTS_DIR, `gateway-${stamp}`);
const log = (line = "") => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

async function main() {
  fs.mkdirSync(runDir, { recursive: true });
  const startedAt = Date.now();
  if (!flags["no-build"]) {
    log("building (next build)…");
    await buildApp(path.join(runDir, "build.log"));
  }
  const services: Service[] = [];
  const cluster = await startTestCluster({ databaseUrl: null });
  let exitCode = 0;
  try {
    const databaseUrl = await cluster.createDatabase({ prefix: "darkroom_bench" });
    process.env.DATABASE_URL = databaseUrl;
    const accounts = await seedBenchAccounts({ workspaces: 10, keysPerWorkspace: 10 });
    await closeBenchDb();

    const upstream = await startFakeUpstreamProcess(path.join(runDir, "fake-upstream.log"));
    services.push(upstream);
    const darkroomEnv = { UPSTREAM_BASE_URL: upstream.url, UPSTREAM_API_KEY: UPSTREAM_KEY };
    let darkroom = await startDarkroom({ databaseUrl, env: darkroomEnv, logFile: path.join(runDir, "darkroom.log") });
    services.push(darkroom);
    const portkey = await startPortkey(path.join(runDir, "portkey.log"));
    services.push(portkey);
    log(`machine: ${describeMachine()}`);
    const loadAtStart = os.loadavg()[0]!;
    if (loadAtStart > os.cpus().length) log(`warning: load average ${loadAtStart.toFixed(1)} before the run: other work competes for the cores, req/s will be low and noisy`);
    log(`processes: bench+autocannon ${process.pid}, Darkroom ${darkroom.pid}, PostgreSQL ${cluster.embedded!.pid}, fake upstream ${upstream.pid}, Portkey ${portkey.pid}`);

    const cpuOf = () => ({
      app: treeCpuSeconds(darkroom.pid),
      postgres: treeCpuSeconds(cluster.embedded!.pid),
      upstream: treeCpuSeconds(upstream.pid),
      portkey: treeCpuSeconds(portkey.pid),
      loadgen: ownCpuSeconds(),
    });

    const specFor = (target: Target, mode: Mode, connections: number): Omit<LoadSpec, "amount" | "maxMs"> => {
      const stream = mode === "stream";
      switch (target) {
        case "direct":
          return { url: `${upstream.url}/chat/completions`, method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${UPSTREAM_KEY}` }, body: body(stream), connections };
        case "ping":
          return { url: `${darkroom.url}/api/ping`, method: "GET", connections };
        case "portkey":
          return {
            url: `${portkey.url}/v1/chat/completions`,
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${UPSTREAM_KEY}`, "x-portkey-provider": "openai", "x-portkey-custom-host": upstream.url },
            body: body(stream),
            connections,
          };
        default: {
          const keys = target === "darkroom-10ws" ? accounts.spreadKeys : accounts.singleKeys;
          return {
            url: `${darkroom.url}/v1/chat/completions`,
            method: "POST",
            headers: { "content-type": "application/json" },
            body: body(stream),
            // Every connection cycles through the keys: consecutive requests hit different keys (and workspaces).
            requests: keys.map((key) => ({ method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: body(stream) })),
            connections,
          };
        }
      }
    };

    const plan: Array<[Target, Mode]> = [
      ["direct", "non-stream"],
      ["direct", "stream"],
      ["ping", "GET"],
      ["darkroom-10ws", "non-stream"],
      ["darkroom-10ws", "stream"],
      ["darkroom-1ws", "non-stream"],
      ["darkroom-1ws", "stream"],
      ["portkey", "non-stream"],
      ["portkey", "stream"],
    ];
    type Cell = { target: Target; mode: Mode; connections: number; warmups: LoadResult[]; results: LoadResult[]; cpu: Record<string, number> };
    const cells: Cell[] = plan.flatMap(([target, mode]) => CONNECTIONS.map((connections) => ({ target, mode, connections, warmups: [], results: [], cpu: {} })));
    for (let round = 0; round < ROUNDS; round++) {
      // Odd rounds run the plan backwards, so no target always follows the same neighbour.
      for (const cell of round % 2 === 0 ? cells : [...cells].reverse()) {
        let before = cpuOf();
        const { warmup, result } = await measure(specFor(cell.target, cell.mode, cell.connections), {
          seconds: SECONDS / ROUNDS,
          beforeMeasuredRun: () => (before = cpuOf()),
        });
        const after = cpuOf();
        for (const [name, s] of Object.entries(after)) cell.cpu[name] = (cell.cpu[name] ?? 0) + s - before[name as keyof typeof before];
        cell.warmups.push(warmup);
        cell.results.push(result);
        log(
          `round ${round + 1}/${ROUNDS} ${cell.target.padEnd(14)} ${cell.mode.padEnd(10)} c=${String(cell.connections).padEnd(2)} ${fmt(result.rps, 0).padStart(6)} req/s  p50 ${fmt(result.p50, 2)} ms  p99 ${fmt(result.p99, 2)} ms` +
            `  non-2xx ${result.non2xx + warmup.non2xx}  errors ${result.errors + warmup.errors}${result.cut || warmup.cut ? "  (cut at its time limit)" : ""}`,
        );
      }
    }
    const rows: Row[] = cells.map((cell) => {
      const result = mergeResults(cell.results);
      const warmup = mergeResults(cell.warmups);
      const cpuMsPerRequest = Object.fromEntries(Object.entries(cell.cpu).map(([name, s]) => [name, (s * 1000) / Math.max(result.responses, 1)]));
      return { target: cell.target, mode: cell.mode, connections: cell.connections, warmup, result, cpuMsPerRequest };
    });

    const verdicts = judge(rows);
    let profileText = "";
    if (flags.profile || verdicts.some((v) => !v.pass)) {
      log("\nprofiling pass (a target was missed or --profile): Darkroom under --cpu-prof, 50 connections, 10 workspaces…");
      await darkroom.stop();
      services.splice(services.indexOf(darkroom), 1);
      const profileDir = path.join(runDir, "cpu-profile");
      darkroom = await startDarkroom({
        databaseUrl,
        env: darkroomEnv,
        logFile: path.join(runDir, "darkroom-profiled.log"),
        nodeOptions: `--cpu-prof --cpu-prof-dir=${profileDir}`,
      });
      services.push(darkroom);
      const nowUs = () => Number(process.hrtime.bigint() / 1000n); // the profile's clock (monotonic)
      // Only the measured runs count: start-up and the first requests (route modules loading) are not the hot path.
      const window = { fromUs: 0, toUs: 0 };
      for (const mode of ["non-stream", "stream"] as const) {
        const { warmup, result } = await measure(specFor("darkroom-10ws", mode, 50), {
          seconds: SECONDS,
          beforeMeasuredRun: () => (window.fromUs ||= nowUs()),
        });
        rows.push({ target: "darkroom-10ws", mode, connections: 50, warmup, result, cpuMsPerRequest: {}, profiled: true });
        log(`  profiled darkroom-10ws ${mode} c=50: ${fmt(result.rps, 0)} req/s (the profiler itself slows it)`);
      }
      window.toUs = nowUs();
      await darkroom.stop();
      services.splice(services.indexOf(darkroom), 1);
      const file = fs.readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(profileDir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
      if (file) {
        profileText = formatProfileSummary(summariseCpuProfile(file, ROOT, 15, window));
        fs.writeFileSync(path.join(runDir, "cpu-profile-summary.txt"), `${profileText}\n`);
        log(profileText);
      } else {
        log("  no .cpuprofile was written");
      }
    }

    const loadNote = `load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`;
    log(loadNote);

    // Books: every request Darkroom answered 2xx has exactly one usage record, settled; nothing else was admitted.
    const checks = await checkBooks(databaseUrl, accounts, rows);
    const table = renderTable(rows.filter((r) => !r.profiled), verdicts, checks);
    log(`\n${table}`);
    const markdown = renderMarkdown(rows.filter((r) => !r.profiled), verdicts, checks, loadNote);
    fs.writeFileSync(path.join(runDir, "summary.md"), markdown);
    fs.writeFileSync(path.join(RESULTS_DIR, "gateway-latest.md"), markdown);
    fs.writeFileSync(path.join(runDir, "results.json"), JSON.stringify({ machine: describeMachine(), load: loadNote, seconds: SECONDS, rounds: ROUNDS, rows, verdicts, checks, profile: profileText }, (key, value) => (key === "latencies" ? undefined : value), 2));
    log(`\nresults: ${path.relative(ROOT, runDir)}/ (took ${Math.round((Date.now() - startedAt) / 1000)} s)`);
    if (!checks.every((c) => c.pass)) exitCode = 1;
  } finally {
    for (const service of services.reverse()) await service.stop().catch(() => {});
    await cluster.stop().catch(() => {});
  }
  process.exitCode = exitCode;
}

type Verdict = { name: string; value: string; target: string; pass: boolean; defect?: boolean };

function find(rows: Row[], target: Target, mode: Mode, connections: number): LoadResult | undefined {
  return rows.find((r) => r.target === target && r.mode === mode && r.connections === connections && !r.profiled)?.result;
}

function judge(rows: Row[]): Verdict[] {
  const verdicts: Verdict[] = [];
  const ping = find(rows, "ping", "GET", 50)!;
  for (const mode of ["non-stream", "stream"] as const) {
    const dr = find(rows, "darkroom-10ws", mode, 50)!;
    const pk = find(rows, "portkey", mode, 50)!;
    const ratio = dr.rps / pk.rps;
    verdicts.push({ name: `Darkroom (10 ws) / Portkey, ${mode}, 50 conns`, value: `${fmt(ratio, 2)}×`, target: "≥ 1.00× (< 0.50× is a defect)", pass: ratio >= 1, defect: ratio < 0.5 });
    const ceiling = dr.rps / ping.rps;
    verdicts.push({ name: `Darkroom (10 ws) / ceiling (ping), ${mode}, 50 conns`, value: `${fmt(ceiling, 2)}×`, target: "≥ 0.85× (accounting ≤ 15%)", pass: ceiling >= 0.85 });
    const d1 = find(rows, "darkroom-10ws", mode, 1)!;
    const direct1 = find(rows, "direct", mode, 1)!;
    const added = d1.p50 - direct1.p50;
    verdicts.push({ name: `p50 Darkroom − direct, ${mode}, 1 conn`, value: `${fmt(added, 2)} ms`, target: "≤ 3 ms", pass: added <= 3 });
  }
  return verdicts;
}

type Check = { name: string; pass: boolean; detail: string };

async function checkBooks(databaseUrl: string, accounts: BenchAccounts, rows: Row[]): Promise<Check[]> {
  const checks: Check[] = [];
  for (const [target, workspaceIds] of [
    ["darkroom-10ws", accounts.spreadWorkspaceIds],
    ["darkroom-1ws", [accounts.singleWorkspaceId]],
  ] as const) {
    const runs = rows.filter((r) => r.target === target);
    const ok = runs.reduce((sum, r) => sum + r.warmup.ok + r.result.ok, 0);
    const cut = runs.filter((r) => r.warmup.cut || r.result.cut).reduce((sum, r) => sum + r.connections, 0);
    // Settlement runs just after the response: wait (bounded) until no record is pending.
    let counts = await countUsageRecords(databaseUrl, [...workspaceIds]);
    for (let i = 0; i < 100 && (counts.byStatus.pending ?? 0) > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      counts = await countUsageRecords(databaseUrl, [...workspaceIds]);
    }
    const succeeded = counts.byStatus.succeeded ?? 0;
    const exact = counts.total === ok && succeeded === ok;
    const pass = exact || (cut > 0 && succeeded >= ok && counts.total <= ok + cut);
    checks.push({
      name: `usage records = 2xx responses (${target})`,
      pass,
      detail: `${ok} 2xx responses; ${counts.total} usage records ${JSON.stringify(counts.byStatus)}${cut ? ` (runs cut short: up to ${cut} in flight)` : ""}`,
    });
  }
  const ledger = await runCli(["ledger:check", "--json"], { DATABASE_URL: databaseUrl });
  const result = ledger.json as { ok?: boolean; drift?: unknown[] } | undefined;
  checks.push({ name: "ledger:check", pass: ledger.code === 0 && result?.ok === true, detail: ledger.stdout.trim() || ledger.stderr.trim().slice(-500) });
  return checks;
}

function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), Node ${process.version}, everything (load generator, Darkroom, PostgreSQL, fake upstream, Portkey) on this one machine`;
}

const LABEL: Record<Target, string> = {
  direct: "fake upstream direct",
  ping: "Next.js /api/ping (ceiling)",
  "darkroom-10ws": "Darkroom, 10 workspaces",
  "darkroom-1ws": "Darkroom, 1 workspace",
  portkey: "Portkey 1.15.2",
};

function serverCpu(r: Row): number {
  const cpu = r.cpuMsPerRequest;
  return (r.target === "direct" ? cpu.upstream : r.target === "portkey" ? cpu.portkey : cpu.app) ?? NaN;
}

function renderTable(rows: Row[], verdicts: Verdict[], checks: Check[]): string {
  // CPU ms per request of each process (tree) during the measured run: the gateway under test (Darkroom's app
  // process for ping/darkroom, Portkey, or the fake upstream itself for direct), PostgreSQL, the fake upstream,
  // and this process (autocannon). Together they share the machine's cores.
  const header = ["target", "mode", "conns", "req/s", "p50 ms", "p99 ms", "2xx", "non-2xx", "errors", "CPU ms/req: server", "pg", "upstream", "loadgen"];
  const lines = rows.map((r) => [
    LABEL[r.target],
    r.mode,
    String(r.connections),
    fmt(r.result.rps, 0),
    fmt(r.result.p50, 2),
    fmt(r.result.p99, 2),
    String(r.result.ok),
    String(r.result.non2xx),
    String(r.result.errors),
    fmt(serverCpu(r), 2),
    fmt(r.cpuMsPerRequest.postgres ?? NaN, 2),
    r.target === "direct" ? "" : fmt(r.cpuMsPerRequest.upstream ?? NaN, 2),
    fmt(r.cpuMsPerRequest.loadgen ?? NaN, 2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [
    render(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...lines.map(render),
    "",
    ...verdicts.map((v) => `${v.pass ? "PASS" : v.defect ? "DEFECT" : "FAIL"}  ${v.name}: ${v.value} (target ${v.target})`),
    ...checks.map((c) => `${c.pass ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`),
  ].join("\n");
}

function renderMarkdown(rows: Row[], verdicts: Verdict[], checks: Check[], loadNote: string): string {
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:gateway\` (${SECONDS} s per cell, in ${ROUNDS} interleaved rounds, each after a warm-up); ${describeMachine()}; ${loadNote}.`,
    "",
    "| target | mode | conns | req/s | p50 ms | p99 ms | non-2xx | errors | server CPU ms/req | PostgreSQL CPU ms/req |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${LABEL[r.target]} | ${r.mode} | ${r.connections} | ${fmt(r.result.rps, 0)} | ${fmt(r.result.p50, 2)} | ${fmt(r.result.p99, 2)} | ${r.result.non2xx} | ${r.result.errors} | ${fmt(serverCpu(r), 2)} | ${fmt(r.cpuMsPerRequest.postgres ?? NaN, 2)} |`,
    ),
    "",
    "| check | value | target | result |",
    "| --- | --- | --- | --- |",
    ...verdicts.map((v) => `| ${v.name} | ${v.value} | ${v.target} | ${v.pass ? "PASS" : v.defect ? "DEFECT" : "FAIL"} |`),
    ...checks.map((c) => `| ${c.name} | ${c.detail.replace(/\|/g, "\\|")} | exact | ${c.pass ? "PASS" : "FAIL"} |`),
  ];
  return `${lines.join("\n")}\n`;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
