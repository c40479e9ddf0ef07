// The database's share of each dashboard view: every platform-usage function a view calls, timed in this process
// (no HTTP, no rendering), sequentially, after a warm-up. DATABASE_URL must be set.

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export type QueryTiming = { name: string; p50: number; p95: number };

export async function timeDashboardQueries(adminEmail: string, tz: string, log: (line: string) => void, runs = 8): Promise<QueryTiming[]> {
  const { db } = await import("@/lib/db/client");
  const { resolvePlatformRange } = await import("@/lib/platform-usage/resolve-platform-range");
  const { getPlatformTotals } = await import("@/lib/platform-usage/get-platform-totals");
  const { getPlatformTimeline } = await import("@/lib/platform-usage/get-platform-timeline");
  const { getPlatformBreakdown } = await import("@/lib/platform-usage/get-platform-breakdown");
  const { listTopSpenders } = await import("@/lib/platform-usage/list-top-spenders");
  const admin = await db.user.findUniqueOrThrow({ where: { email: adminEmail }, select: { id: true } });
  const out: QueryTiming[] = [];
  const time = async (name: string, fn: () => Promise<unknown>) => {
    await fn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await fn();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const t = { name, p50: percentile(times, 50), p95: percentile(times, 95) };
    out.push(t);
    log(`  ${name.padEnd(40)} p50 ${t.p50.toFixed(1).padStart(7)} ms  p95 ${t.p95.toFixed(1).padStart(7)} ms`);
  };
  log(`queries in process (${tz}, ${runs} runs each after a warm-up):`);
  for (const [preset, bucket] of [["24h", "hour"], ["7d", "hour"], ["30d", "day"], ["90d", "day"], ["12m", "month"]] as const) {
    const range = await resolvePlatformRange(admin, { preset, tz, bucket });
    await time(`${preset} ${bucket} totals`, () => getPlatformTotals(admin, range, {}));
    await time(`${preset} ${bucket} timeline`, () => getPlatformTimeline(admin, range, {}));
    for (const by of ["workspace", "member", "key", "model", "status"] as const) {
      await time(`${preset} ${bucket} breakdown ${by}`, () => getPlatformBreakdown(admin, range, {}, by, 5));
    }
    await time(`${preset} ${bucket} top workspaces`, () => listTopSpenders(admin, range, {}, "workspace", 10));
    await time(`${preset} ${bucket} top members`, () => listTopSpenders(admin, range, {}, "member", 10));
  }
  return out;
}
