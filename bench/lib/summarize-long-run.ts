// The long-generations benchmark's figures for one target's leg, and the table that shows them side by side.
import { isStreamCall, type LongRun } from "./measure-long-run";

const KB = 1000;
const MB = 1000 * 1000;

export type LongRunSummary = ReturnType<typeof summarizeLongRun>;

/** The p-th percentile of values sorted ascending (0 for none). */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function summarizeLongRun(run: LongRun) {
  const ok = run.results.filter((r) => r.ok).length;
  const first = Math.min(...run.results.map((r) => r.startedAt));
  const wall = (Math.max(...run.results.map((r) => r.endedAt)) - first) / 1000;
  const latencies = run.results.map((r) => (r.endedAt - r.startedAt) / 1000).sort((a, b) => a - b);
  const perCall = run.memory?.plateau != null ? (run.memory.plateau - run.memory.baseline) / run.calls : null;
  const errors = [...new Set(run.results.filter((r) => !r.ok).map((r) => r.error ?? "?"))].slice(0, 3);
  const streams = run.results.filter((_, i) => isStreamCall(i));
  // When the streams' headers arrived, from the first call sent: a gateway commits a stream once the call is
  // admitted and the provider answered, so this spread is what the burst of admissions costs.
  const headers = streams.map((r) => (r.headersAt - first) / 1000).sort((a, b) => a - b);
  // From a stream's headers to its last byte: the generation itself plus whatever the gateway adds at its end.
  const bodies = streams.map((r) => (r.endedAt - r.headersAt) / 1000).sort((a, b) => a - b);
  return {
    target: run.target,
    calls: run.calls,
    ok,
    wall,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perCall,
    memory: run.memory,
    errors,
    streamHeaders: { p50: percentile(headers, 50), p99: percentile(headers, 99), max: headers.at(-1) ?? 0 },
    streamBody: { p50: percentile(bodies, 50), max: bodies.at(-1) ?? 0 },
    load: [run.loadAtStart, run.loadAtEnd] as const,
  };
}

export const formatKb = (bytes: number | null) => (bytes === null ? "–" : `${(bytes / KB).toFixed(0)} KB`);

/** One markdown table row per target, with its wall time's ratio to the first row's (direct). */
export function longRunTable(rows: LongRunSummary[]): string[] {
  const direct = rows[0]!;
  const mb = (bytes: number | null | undefined) => (bytes == null ? "–" : `${(bytes / MB).toFixed(0)} MB`);
  return [
    "| target | load avg (1 min) start → end | ok | wall | × direct | call p50 | call p99 | stream headers p50 / p99 / last | stream body p50 / max | RSS baseline | RSS in flight (median) | peak | growth per call in flight |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.target} | ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} | ${r.ok}/${r.calls} | ${r.wall.toFixed(1)} s | ${(r.wall / direct.wall).toFixed(3)} | ${r.p50.toFixed(1)} s | ${r.p99.toFixed(1)} s | ${r.streamHeaders.p50.toFixed(2)} / ${r.streamHeaders.p99.toFixed(2)} / ${r.streamHeaders.max.toFixed(2)} s | ${r.streamBody.p50.toFixed(2)} / ${r.streamBody.max.toFixed(2)} s | ${mb(r.memory?.baseline)} | ${r.memory ? (r.memory.plateau === null ? "no window" : mb(r.memory.plateau)) : "–"} | ${mb(r.memory?.peak)} | ${formatKb(r.perCall)} |`,
    ),
  ];
}
