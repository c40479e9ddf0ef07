// The resident memory of an app's process tree, sampled on a timer, for the memory benchmarks
// (bench/stream-memory.ts, bench/long-generations.ts).
import { processTree, rssBytes } from "./proc";

export type RssSample = { at: number; rss: number };

export type RssSampler = {
  readonly samples: RssSample[];
  stop(): void;
};

/**
 * Samples the summed VmRSS of `root`'s process tree every `everyMs`, stamped with `performance.now()`. The tree is
 * listed once, at the start: walking all of /proc on every sample costs the load generator's event loop
 * milliseconds each time on a busy machine, and would slow the very clients being timed.
 */
export function sampleTreeRss(root: number, everyMs: number): RssSampler {
  const pids = processTree(root);
  const samples: RssSample[] = [];
  const timer = setInterval(() => samples.push({ at: performance.now(), rss: pids.reduce((sum, pid) => sum + rssBytes(pid), 0) }), everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

/** The median of some samples' RSS (0 for none). */
export function medianRss(samples: readonly RssSample[]): number {
  const sorted = samples.map((s) => s.rss).sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

/** The tree's median RSS over `ms`, sampled every `everyMs`: the baseline a benchmark measures growth from. */
export async function baselineRss(root: number, ms: number, everyMs: number): Promise<number> {
  const sampler = sampleTreeRss(root, everyMs);
  await new Promise((resolve) => setTimeout(resolve, ms));
  sampler.stop();
  return medianRss(sampler.samples);
}
