// One bounded load run with autocannon's programmatic API, measured from its per-response events: a fixed
// number of requests (so every request the server admitted has been answered when the run ends, and usage
// records can be counted exactly), req/s over the span from start to the last response, and latency
// percentiles from the exact response times (autocannon's own histogram rounds to whole milliseconds).
import autocannon, { type AutocannonRequest } from "autocannon";

export type LoadSpec = {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Cycled through by every connection (e.g. one entry per API key). */
  requests?: AutocannonRequest[];
  connections: number;
  amount: number;
  /** Hard stop: the run is cut after this many ms even if `amount` was not reached. */
  maxMs: number;
};

export type LoadResult = {
  connections: number;
  /** Responses of any status. */
  responses: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** True when maxMs cut the run short (requests may have been in flight). */
  cut: boolean;
  /** Response times of the 2xx responses, sorted (ms); kept for merging rounds, left out of JSON output. */
  latencies: Float64Array;
};

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const startedAt = performance.now();
  let lastResponseAt = startedAt;
  let errors = 0;
  const instance = autocannon({
    url: spec.url,
    method: spec.method ?? "GET",
    headers: spec.headers,
    body: spec.body,
    requests: spec.requests,
    connections: spec.connections,
    amount: Math.max(spec.amount, spec.connections),
    timeout: 30,
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    lastResponseAt = performance.now();
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  instance.on("reqError", () => errors++);
  let cut = false;
  const guard = setTimeout(() => {
    cut = true;
    instance.stop();
  }, spec.maxMs);
  try {
    await instance;
  } finally {
    clearTimeout(guard);
  }
  const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const ok = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith("2"))
    .reduce((sum, [, n]) => sum + n, 0);
  const sorted = Float64Array.from(latencies).sort();
  const seconds = (lastResponseAt - startedAt) / 1000;
  return {
    connections: spec.connections,
    responses,
    ok,
    non2xx: responses - ok,
    errors,
    statusCodes,
    seconds,
    rps: seconds > 0 ? ok / seconds : 0,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cut,
    latencies: sorted,
  };
}

/** Several runs of the same cell as one: req/s over their summed time, percentiles over all their responses. */
export function mergeResults(results: LoadResult[]): LoadResult {
  const statusCodes: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const latencies = new Float64Array(sum((r) => r.latencies.length));
  let offset = 0;
  for (const r of results) {
    latencies.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  latencies.sort();
  const seconds = sum((r) => r.seconds);
  const ok = sum((r) => r.ok);
  return {
    connections: results[0]!.connections,
    responses: sum((r) => r.responses),
    ok,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    statusCodes,
    seconds,
    rps: seconds > 0 ? ok / seconds : 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cut: results.some((r) => r.cut),
    latencies,
  };
}

/**
 * A warm-up run of a fixed size, then a measured run sized from the warm-up's rate to last about `seconds`.
 * Both are bounded in time (a run that overruns is cut and says so). Returns both, so callers can count every
 * response the server gave.
 */
export async function measure(
  spec: Omit<LoadSpec, "amount" | "maxMs">,
  { seconds, maxRequests = 200_000, beforeMeasuredRun }: { seconds: number; maxRequests?: number; beforeMeasuredRun?: () => void },
): Promise<{ warmup: LoadResult; result: LoadResult }> {
  const warmupAmount = spec.connections === 1 ? 300 : spec.connections * 30;
  const warmup = await runLoad({ ...spec, amount: warmupAmount, maxMs: 20_000 });
  const rate = Math.max(warmup.responses / Math.max(warmup.seconds, 0.001), 1);
  const amount = Math.min(maxRequests, Math.max(spec.connections * 10, Math.round(rate * seconds)));
  beforeMeasuredRun?.();
  const result = await runLoad({ ...spec, amount, maxMs: seconds * 3 * 1000 });
  return { warmup, result };
}
