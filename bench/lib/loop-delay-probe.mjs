// Preloaded into the app under test by the long-generations benchmark (node --import): measures the event-loop
// delay inside the app process with perf_hooks, so the app's own code carries nothing for the benchmark.
// SIGUSR2 writes the percentiles since the previous SIGUSR2 to BENCH_LOOP_DELAY_FILE and starts afresh.
// The histogram records the time between ticks of a RESOLUTION_MS timer, so an idle loop reads RESOLUTION_MS:
// the delay reported is what exceeds it.
// Only the process whose pid the benchmark signals answers; child processes inherit the preload but are never
// signalled.
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env.BENCH_LOOP_DELAY_FILE;
if (file) {
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  // The process's memory by kind every 500 ms (JS heap, external, array buffers), to tell what grows per call.
  let memory = [];
  setInterval(() => {
    const m = process.memoryUsage();
    memory.push({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers });
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
}
