// The benchmark's side of bench/lib/loop-delay-probe.mjs, the probe preloaded into a gateway under test: asks it
// (by signal) for its event-loop delay and memory readings, or for a heap snapshot.
import fs from "node:fs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type MemorySample = { at: number; rss: number; heapUsed: number; heapTotal: number; newSpace: number; oldSpace: number; external: number; arrayBuffers: number };
export type ProbeReport = { p50: number; p99: number; max: number; samples: number; memory: MemorySample[] };

/** Asks the probe in `pid` for the event-loop delay since the last ask (and resets it). */
export async function loopDelay(pid: number, file: string): Promise<ProbeReport | null> {
  fs.rmSync(file, { force: true });
  process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 100; i++) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as ProbeReport;
    await sleep(50);
  }
  return null;
}

/** Asks the probe in `pid` for heap snapshot number `n` (--heap-snapshots) and waits until it is written. */
export async function heapSnapshot(pid: number, file: string, n: number): Promise<string | null> {
  const target = `${file}.heap-${n}.heapsnapshot`;
  process.kill(pid, "SIGTTIN");
  for (let i = 0; i < 2400; i++) {
    if (fs.existsSync(target)) return target;
    await sleep(50);
  }
  return null;
}

export function formatDelay(d: ProbeReport | null): string {
  return d ? `p50 ${d.p50} ms, p99 ${d.p99} ms, max ${d.max} ms (${d.samples} samples)` : "no reading";
}

/**
 * What grew per call in flight, by kind: the median over `window` (ms after `startedAtEpoch`, every call in
 * flight) minus the median of the last readings before the calls.
 */
export function growthByKind(before: ProbeReport | null, during: ProbeReport | null, calls: number, startedAtEpoch: number, window: { fromMs: number; toMs: number }): string {
  if (!before?.memory.length || !during?.memory.length) return "no reading";
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  const inWindow = during.memory.filter((m) => m.at >= startedAtEpoch + window.fromMs && m.at <= startedAtEpoch + window.toMs);
  if (!inWindow.length) return "no reading with every call in flight";
  const kinds = ["rss", "heapUsed", "heapTotal", "newSpace", "oldSpace", "external", "arrayBuffers"] as const;
  return kinds
    .map((k) => `${k} ${((median(inWindow.map((m) => m[k] ?? 0)) - median(before.memory.slice(-4).map((m) => m[k] ?? 0))) / calls / 1000).toFixed(0)} KB`)
    .join(", ");
}
