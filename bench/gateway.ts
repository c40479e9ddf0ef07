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
import { buildApp } from "./lib/build";
import { buildGatewayLoadSpec, UPSTREAM_KEY } from "./lib/build-gateway-load-spec";
import { checkGatewayBooks } from "./lib/check-gateway-books";
import { describeMachine } from "./lib/describe-machine";
import { formatGatewayMarkdown, formatGatewayTable } from "./lib/format-gateway-report";
import { judgeGatewayTargets } from "./lib/judge-gateway-targets";
import { ownCpuSeconds, treeCpuSeconds } from "./lib/proc";
import { profileGatewayDarkroom } from "./lib/profile-gateway-darkroom";
import { runGatewayCells } from "./lib/run-gateway-cells";
import { closeBenchDb, seedBenchAccounts } from "./lib/seed";
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

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const runDir = path.join(RESULTS_DIR, `gateway-${stamp}`);
const log = (line = "") => process.stdout.write(`${line}\n`);

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
    const darkroom = await startDarkroom({ databaseUrl, env: darkroomEnv, logFile: path.join(runDir, "darkroom.log") });
    services.push(darkroom);
    const portkey = await startPortkey(path.join(runDir, "portkey.log"));
    services.push(portkey);
    log(`machine: ${describeMachine()}`);
    const loadAtStart = os.loadavg()[0]!;
    if (loadAtStart > os.cpus().length) log(`warning: load average ${loadAtStart.toFixed(1)} before the run: other work competes for the cores, req/s will be low and noisy`);
    log(`processes: bench+autocannon ${process.pid}, Darkroom ${darkroom.pid}, PostgreSQL ${cluster.embedded!.pid}, fake upstream ${upstream.pid}, Portkey ${portkey.pid}`);

    const endpoints = { upstream: upstream.url, darkroom: darkroom.url, portkey: portkey.url };
    const rows = await runGatewayCells({
      seconds: SECONDS,
      rounds: ROUNDS,
      specFor: (target, mode, connections) => buildGatewayLoadSpec(endpoints, accounts, target, mode, connections),
      cpuOf: () => ({
        app: treeCpuSeconds(darkroom.pid),
        postgres: treeCpuSeconds(cluster.embedded!.pid),
        upstream: treeCpuSeconds(upstream.pid),
        portkey: treeCpuSeconds(portkey.pid),
        loadgen: ownCpuSeconds(),
      }),
      log,
    });

    const verdicts = judgeGatewayTargets(rows);
    let profileText = "";
    if (flags.profile || verdicts.some((v) => !v.pass)) {
      const profiled = await profileGatewayDarkroom({ runDir, seconds: SECONDS, services, darkroom, databaseUrl, env: darkroomEnv, endpoints, accounts, log });
      rows.push(...profiled.rows);
      profileText = profiled.profileText;
    }

    const loadNote = `load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`;
    log(loadNote);

    // Books: every request Darkroom answered 2xx has exactly one usage record, settled; nothing else was admitted.
    const checks = await checkGatewayBooks(databaseUrl, accounts, rows);
    const table = formatGatewayTable(rows.filter((r) => !r.profiled), verdicts, checks);
    log(`\n${table}`);
    const markdown = formatGatewayMarkdown(rows.filter((r) => !r.profiled), verdicts, checks, { loadNote, seconds: SECONDS, rounds: ROUNDS });
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

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
