// The gateway benchmark's report: a plain-text table for stdout and a Markdown one for bench/results/, each
// followed by the verdicts and the post-run checks.
import type { Target } from "./build-gateway-load-spec";
import type { Check } from "./check-gateway-books";
import { describeMachine } from "./describe-machine";
import { fmt } from "./format-number";
import type { Verdict } from "./judge-gateway-targets";
import type { Row } from "./run-gateway-cells";

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

export function formatGatewayTable(rows: Row[], verdicts: Verdict[], checks: Check[]): string {
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

export function formatGatewayMarkdown(
  rows: Row[],
  verdicts: Verdict[],
  checks: Check[],
  { loadNote, seconds, rounds }: { loadNote: string; seconds: number; rounds: number },
): string {
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:gateway\` (${seconds} s per cell, in ${rounds} interleaved rounds, each after a warm-up); ${describeMachine()}; ${loadNote}.`,
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
