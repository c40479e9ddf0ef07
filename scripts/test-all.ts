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
  testResults?: { name: string; assertionResults?: { fullName: string; status: string }[] }[];
};

async function vitest(): Promise<Tally> {
  const file = path.join(RESULTS, "vitest.json");
  fs.rmSync(file, { force: true });
  const code = await run("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  const report = readJson(file) as VitestReport | null;
  if (!report) return { passed: 0, failed: 1 }; // the run itself broke before reporting
  // The default reporter prints failures far up a long log; CI keeps only its tail, so name them again here.
  for (const result of report.testResults ?? []) {
    for (const test of result.assertionResults ?? []) {
      if (test.status === "failed") process.stderr.write(`✘ vitest: ${path.relative(process.cwd(), result.name)} › ${test.fullName}\n`);
    }
  }
  const failed = (report.numFailedTests ?? 0) + (code !== 0 && !report.numFailedTests ? 1 : 0);
  return { passed: report.numPassedTests ?? 0, failed };
}

async function playwright(): Promise<Tally> {
  const file = path.join(RESULTS, "playwright.json");
  fs.rmSync(file, { force: true });
  const code = await run("playwright", ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  const report = readJson(file) as { stats?: { expected?: number; unexpected?: number; flaky?: number } } | null;
  if (!report?.stats) return { passed: 0, failed: 1 };
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
  process.stderr.write(`\n${tallies.map(([name, t]) => `${name}: ${t.passed} passed, ${t.failed} failed`).join("\n")}\n`);
  process.stdout.write(`${total.passed} passed, ${total.failed} failed\n`);
  process.exit(total.failed === 0 ? 0 : 1);
}

void main();
