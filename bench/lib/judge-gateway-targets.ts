// The gateway's targets (issue 3), judged on the 50-connection and 1-connection cells of the plain run.
import type { Mode, Target } from "./build-gateway-load-spec";
import { fmt } from "./format-number";
import type { LoadResult } from "./load";
import type { Row } from "./run-gateway-cells";

export type Verdict = { name: string; value: string; target: string; pass: boolean; defect?: boolean };

function find(rows: Row[], target: Target, mode: Mode, connections: number): LoadResult | undefined {
  return rows.find((r) => r.target === target && r.mode === mode && r.connections === connections && !r.profiled)?.result;
}

export function judgeGatewayTargets(rows: Row[]): Verdict[] {
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
