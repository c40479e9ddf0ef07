// Settlement throughput with the usage rollups (issue 10): `npm run bench:settle [-- --calls 4000] [--rounds 3]
// [--workspaces 10]`.
//
// What the rollup trigger costs the gateway's hot path, measured on the product's own admission and settlement
// (lib/billing: the statement batcher, darkroom_admit, darkroom_settle) against an embedded PostgreSQL: `calls`
// holds are admitted (not timed), then all of them are settled at once (timed: settlements per second, as the
// gateway's settlement batcher sends them), in two scenarios: spread over `workspaces` workspaces, and all in one
// workspace, one member and one model (every settlement of the hour adds to the same rollup rows: the hot row).
// Each round runs the baseline (the trigger of
// migration 20261204140512, which upserted four cube rows per record in the settling transaction) and the current
// trigger (one append to usage_rollup_deltas; bench/lib/legacy-rollup-trigger.ts), interleaved on one database,
// then folds the deltas and checks the rollups against the records. Prints the ratio current / baseline.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { startTestCluster } from "../tests/setup/test-database";
import { LEGACY_ROLLUP_TRIGGER_SQL } from "./lib/legacy-rollup-trigger";

const { values: flags } = parseArgs({
  options: {
    calls: { type: "string", default: "4000" },
    rounds: { type: "string", default: "3" },
    workspaces: { type: "string", default: "10" },
  },
});
const CALLS = Number(flags.calls);
const ROUNDS = Number(flags.rounds);
const WORKSPACES = Number(flags.workspaces);
const ROOT = path.resolve(import.meta.dirname, "..");
const log = (line = "") => process.stdout.write(`${line}\n`);
const PRICES = { perRequest: 1, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 };

async function main() {
  const cluster = await startTestCluster({ databaseUrl: null });
  try {
    process.env.DATABASE_URL = await cluster.createDatabase({ prefix: "bench_settle" });
    const { createUser } = await import("@/lib/users/create-user");
    const { grantCredits } = await import("@/lib/billing/grant-credits");
    const { admit } = await import("@/lib/billing/admit");
    const { settle } = await import("@/lib/billing/settle");
    const { foldUsageDeltas } = await import("@/lib/usage/fold-usage-deltas");
    const { getPool, db, closeDb } = await import("@/lib/db/client");
    const pool = getPool();

    const payers: { workspaceId: string; membershipId: string; userId: string }[] = [];
    for (let i = 0; i < WORKSPACES; i++) {
      const user = await createUser({ email: `settle-${i}-${randomUUID().slice(0, 8)}@example.test`, name: `Settle ${i}`, emailVerified: true });
      await grantCredits({ workspaceId: user.workspaceId, amount: 1_000_000_000, opId: `bench:${randomUUID()}` });
      const m = await db.membership.findFirstOrThrow({ where: { workspaceId: user.workspaceId, userId: user.userId } });
      payers.push({ workspaceId: user.workspaceId, membershipId: m.id, userId: user.userId });
    }
    const { rows: current } = await pool.query<{ def: string }>(`SELECT pg_get_functiondef('darkroom_usage_rollup'::regproc) AS def`);
    const variants = { baseline: LEGACY_ROLLUP_TRIGGER_SQL, deltas: current[0]!.def };

    async function run(spread: number): Promise<number> {
      const admitted = await Promise.all(
        Array.from({ length: CALLS }, (_, i) =>
          admit({ ...payers[i % spread]!, apiKeyId: null, source: "studio", amount: 1, prices: PRICES, requestId: `req_${randomUUID()}`, model: "bench-model" }),
        ),
      );
      const holds = admitted.map((a) => (a.ok ? a.holdId : null)).filter((h): h is string => h !== null);
      if (holds.length !== CALLS) throw new Error(`admitted ${holds.length} of ${CALLS}`);
      const started = performance.now();
      const settled = await Promise.all(
        holds.map((holdId, i) =>
          settle({ holdId, charge: 1, holdStatus: "settled", usageStatus: "succeeded", promptTokens: i % 50, completionTokens: 3, totalTokens: 3 + (i % 50),
                   usageSource: "upstream", images: 1, latencyMs: 100 + (i % 900), upstreamId: null }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      if (!settled.every(Boolean)) throw new Error("a settlement did not apply");
      return CALLS / seconds;
    }

    const scenarios = [
      { name: `${WORKSPACES} workspaces`, spread: WORKSPACES },
      { name: "1 workspace", spread: 1 },
    ];
    const rates: Record<string, Record<string, number[]>> = {};
    const loadBefore = os.loadavg()[0]!;
    await run(WORKSPACES); // warm-up: plans, pool, caches
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of scenarios) {
        for (const [variant, sql] of round % 2 ? Object.entries(variants).reverse() : Object.entries(variants)) {
          await pool.query(sql);
          const rate = await run(scenario.spread);
          ((rates[scenario.name] ??= {})[variant] ??= []).push(rate);
          log(`round ${round + 1} ${scenario.name.padEnd(14)} ${variant.padEnd(8)} ${Math.round(rate).toLocaleString("en-US").padStart(7)} settlements/s`);
        }
      }
    }
    const loadAfter = os.loadavg()[0]!;
    await pool.query(variants.deltas);

    // The current trigger's deltas, folded, equal the records they came from (the baseline wrote the cube directly).
    let folded = 0;
    for (let n = 20_000; n === 20_000; folded += n) n = await foldUsageDeltas({ limit: 20_000, wait: true });
    const { rows: check } = await pool.query<{ series: string; records: string }>(
      `SELECT (SELECT sum(calls) FROM usage_series WHERE dim = 'model' AND unit = 'month') AS series,
              (SELECT count(*) FROM usage_records WHERE status <> 'pending') AS records`,
    );

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    log();
    log(`${"scenario".padEnd(16)} ${"baseline".padStart(10)} ${"deltas".padStart(10)}  ratio (median settlements/s, ${ROUNDS} rounds of ${CALLS})`);
    const summary = scenarios.map(({ name }) => {
      const base = median(rates[name]!.baseline!);
      const now = median(rates[name]!.deltas!);
      log(`${name.padEnd(16)} ${Math.round(base).toLocaleString("en-US").padStart(10)} ${Math.round(now).toLocaleString("en-US").padStart(10)}  ${(now / base).toFixed(2)}×`);
      return { name, baseline: base, deltas: now, ratio: now / base };
    });
    log(`folded ${folded.toLocaleString("en-US")} deltas; usage_series counts ${check[0]!.series} calls of ${check[0]!.records} finished records in total (baseline rounds wrote no deltas)`);
    log(`machine: ${os.cpus().length} cores, 1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);
    const dir = path.join(ROOT, "bench", "results");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `settle-rollups-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify({ calls: CALLS, rounds: ROUNDS, workspaces: WORKSPACES, rates, summary, loadBefore, loadAfter }, null, 2));
    log(`results: ${path.relative(ROOT, file)}`);
    await closeDb();
  } finally {
    await cluster.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
