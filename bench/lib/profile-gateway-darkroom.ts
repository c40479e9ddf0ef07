// The profiling pass of the gateway benchmark: Darkroom restarted under --cpu-prof, loaded at 50 connections
// with the keys of 10 workspaces, and a summary of where its time went.
import fs from "node:fs";
import path from "node:path";
import { buildGatewayLoadSpec, type GatewayEndpoints } from "./build-gateway-load-spec";
import { formatProfileSummary, summariseCpuProfile } from "./cpu-profile";
import { fmt } from "./format-number";
import { measure } from "./load";
import type { Row } from "./run-gateway-cells";
import type { BenchAccounts } from "./seed";
import { ROOT, startDarkroom, type Service } from "./services";

/**
 * Stops `darkroom` and runs a profiled one in its place in `services` (so a failure still stops it), then
 * stops that too. Returns the profiled rows (marked `profiled`: the profiler slows them) and the summary text.
 */
export async function profileGatewayDarkroom({
  runDir,
  seconds,
  services,
  darkroom,
  databaseUrl,
  env,
  endpoints,
  accounts,
  log,
}: {
  runDir: string;
  seconds: number;
  services: Service[];
  darkroom: Service;
  databaseUrl: string;
  env: Record<string, string>;
  endpoints: GatewayEndpoints;
  accounts: BenchAccounts;
  log: (line?: string) => void;
}): Promise<{ rows: Row[]; profileText: string }> {
  log("\nprofiling pass (a target was missed or --profile): Darkroom under --cpu-prof, 50 connections, 10 workspaces…");
  await darkroom.stop();
  services.splice(services.indexOf(darkroom), 1);
  const profileDir = path.join(runDir, "cpu-profile");
  const profiled = await startDarkroom({
    databaseUrl,
    env,
    logFile: path.join(runDir, "darkroom-profiled.log"),
    nodeOptions: `--cpu-prof --cpu-prof-dir=${profileDir}`,
  });
  services.push(profiled);
  const rows: Row[] = [];
  const nowUs = () => Number(process.hrtime.bigint() / 1000n); // the profile's clock (monotonic)
  // Only the measured runs count: start-up and the first requests (route modules loading) are not the hot path.
  const window = { fromUs: 0, toUs: 0 };
  for (const mode of ["non-stream", "stream"] as const) {
    const { warmup, result } = await measure(buildGatewayLoadSpec({ ...endpoints, darkroom: profiled.url }, accounts, "darkroom-10ws", mode, 50), {
      seconds,
      beforeMeasuredRun: () => (window.fromUs ||= nowUs()),
    });
    rows.push({ target: "darkroom-10ws", mode, connections: 50, warmup, result, cpuMsPerRequest: {}, profiled: true });
    log(`  profiled darkroom-10ws ${mode} c=50: ${fmt(result.rps, 0)} req/s (the profiler itself slows it)`);
  }
  window.toUs = nowUs();
  await profiled.stop();
  services.splice(services.indexOf(profiled), 1);
  let profileText = "";
  // NODE_OPTIONS reaches any Node process the server starts as well; the server's own profile is taken to be the largest.
  const file = fs.readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(profileDir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (file) {
    profileText = formatProfileSummary(summariseCpuProfile(file, ROOT, 15, window));
    fs.writeFileSync(path.join(runDir, "cpu-profile-summary.txt"), `${profileText}\n`);
    log(profileText);
  } else {
    log("  no .cpuprofile was written");
  }
  return { rows, profileText };
}
