// Preloaded into the app under test by the long-generations benchmark (node --import): measures the event-loop
// delay inside the app process with perf_hooks, so the app's own code carries nothing for the benchmark.
// SIGUSR2 writes the percentiles since the previous SIGUSR2 to BENCH_LOOP_DELAY_FILE and starts afresh.
// The histogram records the time between ticks of a RESOLUTION_MS timer, so an idle loop reads RESOLUTION_MS:
// the delay reported is what exceeds it.
// Only the process whose pid the benchmark signals answers; child processes inherit the preload but are never
// signalled.
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import v8 from "node:v8";

const file = process.env.BENCH_LOOP_DELAY_FILE;
if (file) {
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  // The process's memory by kind every 500 ms (JS heap, external, array buffers), to tell what grows per call.
  let memory = [];
  setInterval(() => {
    const m = process.memoryUsage();
    // The young generation's size is fixed by V8's heuristics, not by what each call keeps: told apart here.
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
    const newSpace = spaces.new_space ?? 0;
    const oldSpace = (spaces.old_space ?? 0) + (spaces.large_object_space ?? 0);
    memory.push({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, newSpace, oldSpace, external: m.external, arrayBuffers: m.arrayBuffers });
  }, 500).unref();
  process.on("SIGUSR2", () => {
    const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 10) / 10);
    const report = {
      pid: process.pid,
      samples: histogram.count,
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      mean: ms(histogram.mean),
      memory,
    };
    memory = [];
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
    fs.renameSync(`${file}.tmp`, file);
    histogram.reset();
  });
  // SIGTTIN: a heap snapshot (--heap-snapshots), written beside the report and renamed once whole. It blocks the
  // loop for seconds: a run that takes them is for finding what each call retains, not for its timings.
  let snapshots = 0;
  process.on("SIGTTIN", () => {
    const target = `${file}.heap-${++snapshots}.heapsnapshot`;
    v8.writeHeapSnapshot(`${target}.tmp`);
    fs.renameSync(`${target}.tmp`, target);
  });
}
