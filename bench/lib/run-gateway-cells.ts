// The gateway benchmark's measured cells: every target and mode at 1 and 50 connections, each measured in
// interleaved rounds, with the CPU every process spent on it.
import type { Mode, Target } from "./build-gateway-load-spec";
import { fmt } from "./format-number";
import { measure, mergeResults, type LoadResult, type LoadSpec } from "./load";

export type Row = { target: Target; mode: Mode; connections: number; warmup: LoadResult; result: LoadResult; cpuMsPerRequest: Record<string, number>; profiled?: boolean };

const CONNECTIONS = [1, 50] as const;
const PLAN: Array<[Target, Mode]> = [
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

/**
 * Measures every cell `rounds` times (`seconds` in all per cell), logging each pass, and merges each cell's
 * passes into one row. `cpuOf` reads the CPU seconds each process has used so far, by process name.
 */
export async function runGatewayCells({
  seconds,
  rounds,
  specFor,
  cpuOf,
  log,
}: {
  seconds: number;
  rounds: number;
  specFor: (target: Target, mode: Mode, connections: number) => Omit<LoadSpec, "amount" | "maxMs">;
  cpuOf: () => Record<string, number>;
  log: (line?: string) => void;
}): Promise<Row[]> {
  const cells: Cell[] = PLAN.flatMap(([target, mode]) => CONNECTIONS.map((connections) => ({ target, mode, connections, warmups: [], results: [], cpu: {} })));
  for (let round = 0; round < rounds; round++) {
    // Odd rounds run the plan backwards, so no target always follows the same neighbour.
    for (const cell of round % 2 === 0 ? cells : [...cells].reverse()) {
      let before = cpuOf();
      const { warmup, result } = await measure(specFor(cell.target, cell.mode, cell.connections), {
        seconds: seconds / rounds,
        beforeMeasuredRun: () => (before = cpuOf()),
      });
      const after = cpuOf();
      for (const [name, s] of Object.entries(after)) cell.cpu[name] = (cell.cpu[name] ?? 0) + s - before[name]!;
      cell.warmups.push(warmup);
      cell.results.push(result);
      log(
        `round ${round + 1}/${rounds} ${cell.target.padEnd(14)} ${cell.mode.padEnd(10)} c=${String(cell.connections).padEnd(2)} ${fmt(result.rps, 0).padStart(6)} req/s  p50 ${fmt(result.p50, 2)} ms  p99 ${fmt(result.p99, 2)} ms` +
          `  non-2xx ${result.non2xx + warmup.non2xx}  errors ${result.errors + warmup.errors}${result.cut || warmup.cut ? "  (cut at its time limit)" : ""}`,
      );
    }
  }
  return cells.map((cell) => {
    const result = mergeResults(cell.results);
    const warmup = mergeResults(cell.warmups);
    const cpuMsPerRequest = Object.fromEntries(Object.entries(cell.cpu).map(([name, s]) => [name, (s * 1000) / Math.max(result.responses, 1)]));
    return { target: cell.target, mode: cell.mode, connections: cell.connections, warmup, result, cpuMsPerRequest };
  });
}
