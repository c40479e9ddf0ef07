// In-process timing shared by the benchmarks that time a query or a lib call without HTTP (bench:usage's queries,
// bench:export's statement): one loop, one way of taking percentiles.

export type RunTimes = { times: number[]; p50: number; p95: number; last: unknown };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Runs `run` `warmup` times untimed, then `runs` times sequentially; times in ms in run order, and what the last run returned. */
export async function timeRuns<T>(run: () => Promise<T>, { runs, warmup = 0 }: { runs: number; warmup?: number }): Promise<RunTimes & { last: T }> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await run();
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { times, p50: percentile(sorted, 50), p95: percentile(sorted, 95), last };
}
