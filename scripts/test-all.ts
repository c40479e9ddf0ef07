// `npm test`: typecheck, lint, the production build, Vitest (unit + integration on real PostgreSQL, some
// against the built server), then Playwright against the same build. Every stage runs even when an earlier one fails, and the last line totals them all:
// `N passed, N failed`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

type Tally = { passed: number; failed: number };
const RESULTS = path.resolve("test-results");

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  process.stderr.write(`\n▶ ${command} ${args.join(" ")}\n`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

async function stage(name: string, command: string, args: string[]): Promise<Tally> {
  const code = await run(command, args, { NEXT_TELEMETRY_DISABLED: "1" });
  process.stderr.write(`${code === 0 ? "✔" : "✘"} ${name}\n`);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

type VitestReport = {
  numPassedTests?: number;
  numFailedTests?: number;
  testResults?: { name: string; assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[] }[];
};

const failures: string[] = [];

async function vitest(): Promise<Tally> {
  const file = path.join(RESULTS, "vitest.json");
  fs.rmSync(file, { force: true });
  const code = await run("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  const report = readJson(file) as VitestReport | null;
  if (!report) return { passed: 0, failed: 1 }; // the run itself broke before reporting
  // The default reporter prints failures far up a long log and CI keeps only its tail: main() names them again
  // next to the totals, with the first line of each failure's message.
  for (const result of report.testResults ?? []) {
    for (const test of result.assertionResults ?? []) {
      if (test.status !== "failed") continue;
      const why = (test.failureMessages?.[0] ?? "").split("\n")[0]!.slice(0, 300);
      failures.push(`✘ vitest: ${path.relative(process.cwd(), result.name)} › ${test.fullName}\n    ${why}`);
    }
  }
  const failed = (report.numFailedTests ?? 0) + (code !== 0 && !report.numFailedTests ? 1 : 0);
  return { passed: report.numPassedTests ?? 0, failed };
}

type PlaywrightSuite = { suites?: PlaywrightSuite[]; specs?: { title: string; ok: boolean; file: string; line: number }[] };
type PlaywrightReport = { stats?: { expected?: number; unexpected?: number; flaky?: number }; suites?: PlaywrightSuite[] };

// A spec that is not ok failed or was flaky (passed only on a retry): both count as failures.
function nameFailedSpecs(suite: PlaywrightSuite) {
  for (const spec of suite.specs ?? []) if (!spec.ok) failures.push(`✘ playwright: ${spec.file}:${spec.line} › ${spec.title}`);
  for (const child of suite.suites ?? []) nameFailedSpecs(child);
}

async function playwright(): Promise<Tally> {
  const file = path.join(RESULTS, "playwright.json");
  fs.rmSync(file, { force: true });
  const code = await run("playwright", ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  const report = readJson(file) as PlaywrightReport | null;
  if (!report?.stats) return { passed: 0, failed: 1 };
  for (const suite of report.suites ?? []) nameFailedSpecs(suite);
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
  return { passed: expected, failed: unexpected + flaky + (code !== 0 && !unexpected ? 1 : 0) };
}

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  const tallies: [string, Tally][] = [];
  tallies.push(["typecheck", await stage("typecheck", "npm", ["run", "--silent", "typecheck"])]);
  tallies.push(["lint", await stage("lint", "npm", ["run", "--silent", "lint"])]);
  // The production build comes first: gateway integration tests and Playwright both run the real server.
  const build = await stage("build", "next", ["build"]);
  tallies.push(["build", build]);
  tallies.push(["vitest", await vitest()]);
  tallies.push(["playwright", build.failed ? { passed: 0, failed: 1 } : await playwright()]);
  const total = tallies.reduce((sum, [, t]) => ({ passed: sum.passed + t.passed, failed: sum.failed + t.failed }), { passed: 0, failed: 0 });
  if (failures.length) process.stderr.write(`\n${failures.join("\n")}\n`);
  process.stderr.write(`\n${tallies.map(([name, t]) => `${name}: ${t.passed} passed, ${t.failed} failed`).join("\n")}\n`);
  process.stdout.write(`${total.passed} passed, ${total.failed} failed\n`);
  process.exit(total.failed === 0 ? 0 : 1);
}

void main();
