// One target's leg of the long-generations benchmark: a warm-up, a memory baseline, then every call at once,
// with the app's resident memory sampled meanwhile.
import os from "node:os";
import { baselineRss, medianRss, sampleTreeRss } from "./rss-sampler";
import { runLongCalls, type LongCallResult, type LongCallTarget } from "./run-long-calls";

const SAMPLE_MS = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `plateau` is null when no sample was taken with every call in flight (see memoryWindow). */
export type Memory = { baseline: number; plateau: number | null; peak: number };

export type LongRun = {
  target: string;
  calls: number;
  memoryWindow: { fromMs: number; toMs: number };
  results: LongCallResult[];
  memory: Memory | null;
  startedAtEpoch: number;
  startedAtUs: number;
  loadAtStart: number;
  loadAtEnd: number;
};

export type LongRunOptions = { calls: number; durationMs: number; everyMs: number; promptBytes: number };

/** Calls 2i + 1 are the streams (see runLongCalls). */
export const isStreamCall = (i: number) => i % 2 === 1;

/**
 * When every call is in flight: from 40% of the generation time, but not before the last stream's headers arrived
 * (+1 s), until 90%. On a machine so loaded that calls were still being admitted at 90%, there is no such window
 * and no memory figure: a median taken while calls still arrive would count fewer calls than it divides by.
 */
function memoryWindow(results: LongCallResult[], startedAt: number, durationMs: number): { fromMs: number; toMs: number } {
  const lastHeaders = Math.max(0, ...results.filter((_, i) => isStreamCall(i)).map((r) => r.headersAt - startedAt));
  return { fromMs: Math.max(durationMs * 0.4, lastHeaders + 1000), toMs: durationMs * 0.9 };
}

/**
 * Runs `options.calls` long calls at `calls`; `pid` (when given) is the app whose process tree's RSS is sampled
 * every 250 ms: the median before (after a warm-up of 20 short calls), the median over the memory window, the peak.
 * `beforeCalls` runs just before the calls start; `midCalls` halfway through the generations (a heap snapshot).
 */
export async function measureLongRun(
  target: string,
  calls: LongCallTarget,
  pid: number | null,
  options: LongRunOptions,
  hooks: { beforeCalls?: () => Promise<unknown>; midCalls?: () => Promise<unknown> } = {},
): Promise<LongRun> {
  // Warm-up: the same kind of call, short, a few at once, so the baseline is a server that has served them.
  await runLongCalls({ target: calls, calls: 20, label: `${target}-warm`, durationMs: 300, everyMs: 100 });
  const baseline = pid ? await baselineRss(pid, 8 * SAMPLE_MS, SAMPLE_MS) : 0;
  await hooks.beforeCalls?.();
  const sampler = pid ? sampleTreeRss(pid, SAMPLE_MS) : null;
  const loadAtStart = os.loadavg()[0]!;
  const startedAt = performance.now();
  const startedAtEpoch = Date.now();
  const startedAtUs = Number(process.hrtime.bigint() / 1000n);
  const running = runLongCalls({ target: calls, calls: options.calls, label: target, durationMs: options.durationMs, everyMs: options.everyMs, promptBytes: options.promptBytes });
  if (hooks.midCalls) {
    await sleep(options.durationMs * 0.5);
    await hooks.midCalls();
  }
  const results = await running;
  const win = memoryWindow(results, startedAt, options.durationMs);
  let memory: Memory | null = null;
  if (sampler) {
    sampler.stop();
    const inWindow = sampler.samples.filter((s) => s.at >= startedAt + win.fromMs && s.at <= startedAt + win.toMs);
    memory = { baseline, plateau: inWindow.length ? medianRss(inWindow) : null, peak: Math.max(0, ...sampler.samples.map((s) => s.rss)) };
  }
  return { target, calls: options.calls, memoryWindow: win, results, memory, startedAtEpoch, startedAtUs, loadAtStart, loadAtEnd: os.loadavg()[0]! };
}
