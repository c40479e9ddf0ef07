import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { admit, type AdmitInput } from "@/lib/billing/admit";
import { release, settle } from "@/lib/billing/settle";
import { db, getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { SqlParams } from "@/lib/gallery/gallery-sql";
import { bucketBounds, recordsHref, seriesFilter } from "@/components/admin/usage/drill-down";
import { recordsSearchSchema } from "@/lib/platform-usage/dashboard-search";
import { getPlatformBreakdown } from "@/lib/platform-usage/get-platform-breakdown";
import { getPlatformTimeline } from "@/lib/platform-usage/get-platform-timeline";
import { getPlatformTotals } from "@/lib/platform-usage/get-platform-totals";
import { listPlatformUsageRecords } from "@/lib/platform-usage/list-platform-usage-records";
import { listTopSpenders } from "@/lib/platform-usage/list-top-spenders";
import { bucketsSql } from "@/lib/platform-usage/platform-sql";
import { resolvePlatformRange } from "@/lib/platform-usage/resolve-platform-range";
import type { PlatformBreakdown, PlatformFilters, PlatformRange, PlatformSums } from "@/lib/platform-usage/types";
import { foldUsageDeltas } from "@/lib/usage/fold-usage-deltas";
import { seedMember } from "../factories/api-keys";
import { seedUsageRecord } from "../factories/usage-records";
import { seedTeamWithKey } from "../factories/teams";
import { seedUser } from "../factories/users";
import { foldAllDeltas } from "../support/fold-all-deltas";

// The platform dashboards read only rollups (platform_usage_series, platform_latency_bins, the cube) and the deltas
// not folded yet; these tests hold every metric and breakdown to the raw records. Other test files write usage at
// the present time into the same cluster, so this file's records live in 2024 (moved there through the trigger after
// real concurrent settlements), where nothing else writes: platform-wide sums over 2024 are this file's alone.

const MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");
const PRICES = { perRequest: 10, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 };
const NO_KEY = "00000000-0000-0000-0000-000000000000";
const KEY_EXPR: Record<PlatformBreakdown | "total", string> = {
  total: `''`,
  model: `u.model`,
  source: `u.source::text`,
  status: `u.status::text`,
  workspace: `u.workspace_id::text`,
  member: `u.user_id::text`,
  key: `COALESCE(u.api_key_id::text, '${NO_KEY}')`,
};

/** Raw sums per (local bucket, series), the records bucketed by the same local bucket edges as the range. */
async function raw(range: PlatformRange, by: PlatformBreakdown | "total", filters: PlatformFilters = {}) {
  const p = new SqlParams();
  const b0 = bucketsSql(p, range);
  const where = [`u.status <> 'pending'`];
  if (filters.workspaceId) where.push(`u.workspace_id = ${p.add(filters.workspaceId)}::uuid`);
  if (filters.model) where.push(`u.model = ${p.add(filters.model)}`);
  if (filters.source) where.push(`u.source::text = ${p.add(filters.source)}`);
  if (filters.status) where.push(`u.status::text = ${p.add(filters.status)}`);
  const { rows } = await getPool().query<{ bucket: string; k: string } & Record<string, string>>(
    `WITH ${b0}
     SELECT b0.bucket, ${KEY_EXPR[by]} AS k, count(*) AS calls, count(*) FILTER (WHERE u.status IN ('failed', 'cancelled')) AS failed,
            sum(u.credits) AS credits, sum(u.images) AS images, COALESCE(sum(u.prompt_tokens), 0) AS prompt,
            COALESCE(sum(u.completion_tokens), 0) AS completion, COALESCE(sum(u.total_tokens), 0) AS total
     FROM b0 JOIN usage_records u ON u.created_at >= b0.ls AND u.created_at < b0.le
     WHERE ${where.join(" AND ")} GROUP BY 1, 2`,
    p.values,
  );
  return Object.fromEntries(
    rows.map((r) => [
      `${r.bucket}|${r.k}`,
      {
        calls: Number(r.calls), failedCalls: Number(r.failed), credits: Number(r.credits), images: Number(r.images),
        promptTokens: Number(r.prompt), completionTokens: Number(r.completion), totalTokens: Number(r.total),
      } satisfies PlatformSums,
    ]),
  );
}

const sumsOf = (x: PlatformSums): PlatformSums => ({
  calls: x.calls, failedCalls: x.failedCalls, credits: x.credits, images: x.images,
  promptTokens: x.promptTokens, completionTokens: x.completionTokens, totalTokens: x.totalTokens,
});

/** Exact nearest-rank percentile of the records' latencies in [from, to). */
async function rawPercentile(from: Date, to: Date, q: number, filters: PlatformFilters = {}): Promise<number | null> {
  const { rows } = await getPool().query<{ l: number }>(
    `SELECT latency_ms AS l FROM usage_records WHERE created_at >= $1 AND created_at < $2 AND status <> 'pending'
       AND latency_ms IS NOT NULL AND ($3::text IS NULL OR model = $3) ORDER BY 1`,
    [from, to, filters.model ?? null],
  );
  if (!rows.length) return null;
  return rows[Math.ceil(q * rows.length) - 1]!.l;
}

/** Exact nearest-rank p50 and p95 of one workspace's finished records' latencies per bucket of the range and over it. */
async function rawWorkspacePercentiles(range: PlatformRange, workspaceId: string) {
  const p = new SqlParams();
  const b0 = bucketsSql(p, range);
  const ws = p.add(workspaceId);
  const { rows } = await getPool().query<{ bucket: string; p50: number; p95: number }>(
    `WITH ${b0}
     SELECT b0.bucket, percentile_disc(0.5) WITHIN GROUP (ORDER BY u.latency_ms) AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY u.latency_ms) AS p95
     FROM b0 JOIN usage_records u ON u.created_at >= b0.ls AND u.created_at < b0.le
     WHERE u.workspace_id = ${ws}::uuid AND u.status <> 'pending' AND u.latency_ms IS NOT NULL GROUP BY 1`,
    p.values,
  );
  const overall = await getPool().query<{ p50: number | null; p95: number | null }>(
    `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95
     FROM usage_records WHERE workspace_id = $1::uuid AND created_at >= $2 AND created_at < $3 AND status <> 'pending' AND latency_ms IS NOT NULL`,
    [workspaceId, range.from, range.to],
  );
  return { perBucket: new Map(rows.map((r) => [r.bucket, { p50: r.p50, p95: r.p95 }])), overall: overall.rows[0]! };
}

/** Within the bins' precision (±2.5%, rounded to whole ms) of the exact value, and null exactly when there is none. */
function expectWithinBin(got: number | null, exact: number | null, what: string) {
  if (exact === null) return expect(got, what).toBeNull();
  expect(got, what).not.toBeNull();
  expect(Math.abs(got! - exact), `${what}: ${got} ms against ${exact} ms`).toBeLessThanOrEqual(exact * 0.025 + 1);
}

type Seeded = { admin: { id: string }; workspaces: string[]; users: string[]; keyIds: string[] };

/** Two teams' concurrent, retried, failed and released calls, moved into March 2024, plus records around both 2024 DST changes. */
async function seed(): Promise<Seeded> {
  const admin = await seedUser({ admin: true });
  const teams = [await seedTeamWithKey(), await seedTeamWithKey()];
  const payers = teams.flatMap((t) => [
    { workspaceId: t.owner.workspaceId, membershipId: t.ownerMembershipId, userId: t.owner.userId, apiKeyId: t.key.id, source: "api" as const },
    { workspaceId: t.owner.workspaceId, membershipId: t.member.membershipId, userId: t.member.userId, apiKeyId: null, source: "studio" as const },
  ]);
  const inputs: AdmitInput[] = Array.from({ length: 80 }, (_, i) => ({
    ...payers[i % 4]!, amount: 30, prices: PRICES, requestId: `req_${randomUUID()}`, model: i % 3 ? "pu-model-a" : "pu-model-b",
  }));
  const admissions = await Promise.all(inputs.map((input) => admit(input)));
  const holds = admissions.map((a) => (a.ok ? a.holdId : null)).filter((id): id is string => id !== null);
  expect(holds).toHaveLength(80);
  const outcome = (holdId: string, i: number) => {
    if (i % 5 === 0) return release(holdId, "failed", 5 + i);
    if (i % 7 === 0) return release(holdId, "cancelled", 5);
    return settle({
      holdId, charge: 10 + (i % 4), holdStatus: "settled", usageStatus: i % 11 ? "succeeded" : "partial",
      promptTokens: i, completionTokens: 2 * i, totalTokens: 3 * i, usageSource: "upstream", images: i % 2, latencyMs: 40 + 37 * i, upstreamId: null,
    });
  };
  // Every hold settled twice at once (a retry racing the first attempt), with small folds interleaving.
  let settled = false;
  const folding = (async () => {
    let folds = 0;
    while (!settled || folds < 3) {
      await foldUsageDeltas({ limit: 7, wait: true });
      folds++;
    }
  })();
  await Promise.all(holds.slice(0, 75).flatMap((holdId, i) => [outcome(holdId, i), outcome(holdId, i)]));
  settled = true;
  await folding;
  // Into March 2024 (US clocks go forward on the 10th), 97 minutes apart: each move is a correction (−old, +new).
  const workspaces = teams.map((t) => t.owner.workspaceId);
  await getPool().query(
    `UPDATE usage_records u SET created_at = timestamptz '2024-03-08 03:17:00+00' + (o.n * interval '97 minutes')
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM usage_records WHERE workspace_id = ANY($1::uuid[])) AS o
     WHERE u.id = o.id`,
    [workspaces],
  );
  // The last five settle after the move; one finished record is then corrected in place.
  await Promise.all(holds.slice(75).map((holdId, i) => outcome(holdId, 75 + i)));
  const corrected = await db.usageRecord.findFirstOrThrow({ where: { workspaceId: workspaces[0], status: "succeeded" } });
  await db.usageRecord.update({ where: { id: corrected.id }, data: { credits: corrected.credits + 5, latencyMs: 999 } });
  // Around the end of US daylight time (3 Nov 2024, 06:00 UTC) and a local month edge, hourly.
  const t = teams[1]!;
  for (let i = 0; i < 40; i++) {
    await seedUsageRecord({
      workspaceId: t.owner.workspaceId, userId: i % 2 ? t.owner.userId : t.member.userId, apiKeyId: i % 2 ? t.key.id : null,
      source: i % 2 ? "api" : "studio", model: i % 4 ? "pu-model-a" : "pu-model-c", status: i % 9 === 0 ? "failed" : i % 13 === 0 ? "pending" : "succeeded",
      credits: i + 1, images: i % 3, promptTokens: i, completionTokens: i + 1, totalTokens: 2 * i + 1, latencyMs: i % 6 ? 100 + 13 * i : null,
      createdAt: new Date(Date.UTC(2024, 10, 2, 12) + i * 61 * 60_000),
    });
  }
  for (let i = 0; i < 9; i++) {
    await seedUsageRecord({
      workspaceId: workspaces[0]!, userId: teams[0]!.owner.userId, model: "pu-model-b", credits: 7, latencyMs: 3000 + i,
      createdAt: new Date(Date.UTC(2024, 2, 31, 22) + i * 3_600_000), source: "studio",
    });
  }
  return { admin: { id: admin.userId }, workspaces, users: teams.flatMap((x) => [x.owner.userId, x.member.userId]), keyIds: teams.map((x) => x.key.id) };
}

const RANGES = [
  { from: "2024-03-01", to: "2024-03-31", bucket: "hour" as const },
  { from: "2024-03-01", to: "2024-04-30", bucket: "day" as const },
  { from: "2024-10-25", to: "2024-11-10", bucket: "hour" as const },
  { from: "2024-01-01", to: "2024-12-31", bucket: "month" as const },
];
const ZONES = ["America/New_York", "Asia/Kolkata", "UTC"];
const BREAKDOWNS: PlatformBreakdown[] = ["workspace", "member", "model", "key", "source", "status"];

describe("platform usage dashboards", () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seed();
  }, 120_000);

  async function expectExact(stage: string) {
    for (const tz of ZONES) {
      for (const r of RANGES) {
        const range = await resolvePlatformRange(s.admin, { ...r, tz });
        const timeline = await getPlatformTimeline(s.admin, range, {});
        expect(timeline.map((p) => p.bucket)).toEqual(range.buckets);
        const want = await raw(range, "total");
        expect(Object.keys(want).length).toBeGreaterThan(0);
        const got = Object.fromEntries(timeline.filter((p) => p.calls).map((p) => [`${p.bucket}|`, sumsOf(p)]));
        expect(got, `${stage} timeline ${tz} ${r.bucket}`).toEqual(want);
        const totals = await getPlatformTotals(s.admin, range, {});
        const sum = Object.values(want).reduce((a, b) => ({ calls: a.calls + b.calls, credits: a.credits + b.credits }), { calls: 0, credits: 0 });
        expect({ calls: totals.calls, credits: totals.credits }, `${stage} totals ${tz}`).toEqual(sum);
        for (const by of BREAKDOWNS) {
          const result = await getPlatformBreakdown(s.admin, range, {}, by, 50);
          const points = Object.fromEntries(result.points.map((p) => [`${p.bucket}|${p.key}`, sumsOf(p)]));
          expect(points, `${stage} ${by} ${tz} ${r.bucket}`).toEqual(await raw(range, by));
        }
      }
    }
  }

  /**
   * The migration workspace_latency_bins rebuilds exactly the workspace bins the fold wrote (the folded records: every
   * finished record minus the deltas still waiting), run here with every workspace bin deleted first, in one
   * transaction under the fold's lock so that other files' folds wait and see the bins whole.
   */
  async function expectBackfillEqualsFold() {
    const dir = readdirSync(MIGRATIONS).find((d) => d.endsWith("_workspace_latency_bins"));
    expect(dir).toBeDefined();
    const backfill = readFileSync(path.join(MIGRATIONS, dir!, "migration.sql"), "utf8").split("-- CreateIndex")[0]!;
    const bins = `SELECT unit, bucket::text, series, bin, calls::int AS calls FROM platform_latency_bins
                  WHERE dim = 'workspace' AND series = ANY($1::text[]) AND calls <> 0 ORDER BY 1, 2, 3, 4`;
    const waiting = await getPool().query(`SELECT count(*)::int AS n FROM usage_rollup_deltas WHERE workspace_id = ANY($1::uuid[]) AND latency_ms IS NOT NULL`, [s.workspaces]);
    expect(waiting.rows[0].n, "some of this file's deltas still wait").toBeGreaterThan(0);
    const client = await getPool().connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtext('darkroom:usage-fold'))");
      const folded = (await client.query(bins, [s.workspaces])).rows;
      expect(folded.length).toBeGreaterThan(0);
      await client.query("DELETE FROM platform_latency_bins WHERE dim = 'workspace'");
      await client.query(backfill);
      expect((await client.query(bins, [s.workspaces])).rows).toEqual(folded);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  }

  /** Each workspace's p50/p95 per bucket and over the range, from its own latency histogram, against its records. */
  async function expectWorkspaceLatency(stage: string) {
    let compared = 0;
    for (const tz of ZONES) {
      for (const r of RANGES) {
        const range = await resolvePlatformRange(s.admin, { ...r, tz });
        for (const workspaceId of s.workspaces) {
          const exact = await rawWorkspacePercentiles(range, workspaceId);
          const timeline = await getPlatformTimeline(s.admin, range, { workspaceId });
          for (const point of timeline) {
            const want = exact.perBucket.get(point.bucket);
            const what = `${stage} ${tz} ${r.bucket} ${point.bucket} workspace ${s.workspaces.indexOf(workspaceId)}`;
            expectWithinBin(point.p50Ms, want?.p50 ?? null, `${what} p50`);
            expectWithinBin(point.p95Ms, want?.p95 ?? null, `${what} p95`);
            if (want) compared++;
          }
          const totals = await getPlatformTotals(s.admin, range, { workspaceId });
          expectWithinBin(totals.p50Ms, exact.overall.p50, `${stage} ${tz} ${r.bucket} range p50`);
          expectWithinBin(totals.p95Ms, exact.overall.p95, `${stage} ${tz} ${r.bucket} range p95`);
        }
      }
    }
    expect(compared, stage).toBeGreaterThan(50);
  }

  it("equal the raw records in every metric, breakdown and bucket, with deltas unfolded and after the fold", async () => {
    await expectExact("unfolded");
    await expectWorkspaceLatency("unfolded");
    // Some deltas folded, others still waiting: readers add the rest, so the percentiles don't move.
    await foldUsageDeltas({ limit: 60, wait: true });
    await expectBackfillEqualsFold();
    await expectWorkspaceLatency("partly folded");
    await foldAllDeltas();
    await expectExact("folded");
    await expectWorkspaceLatency("folded");
    // The running totals (for ranking) are each series' calls and credits up to the end of each day it has usage.
    const mine = [...s.workspaces, ...s.users, ...s.keyIds, NO_KEY];
    const running = `SELECT dim || '|' || series || '|' || day::text AS k, calls::int AS calls, credits::int AS credits FROM platform_usage_running
                     WHERE series = ANY($1::text[]) AND day >= '2024-01-01' AND day < '2025-01-01' ORDER BY 1`;
    const rawRunning = `
      SELECT v.dim || '|' || v.series || '|' || d.day::text AS k,
             sum(d.calls) OVER w::int AS calls, sum(d.credits) OVER w::int AS credits
      FROM (SELECT v.dim, v.series, date_trunc('day', u.created_at, 'UTC') AS day, count(*) AS calls, sum(u.credits) AS credits
            FROM usage_records u CROSS JOIN LATERAL (VALUES ('workspace', u.workspace_id::text), ('member', u.user_id::text),
                 ('key', COALESCE(u.api_key_id::text, '${NO_KEY}'))) AS v(dim, series)
            WHERE u.status <> 'pending' AND u.created_at >= '2024-01-01' AND u.created_at < '2025-01-01' AND v.series = ANY($1::text[])
            GROUP BY 1, 2, 3) AS d
      CROSS JOIN LATERAL (SELECT d.dim, d.series) AS v
      WINDOW w AS (PARTITION BY d.dim, d.series ORDER BY d.day) ORDER BY 1`;
    const got = (await getPool().query(running, [mine])).rows;
    expect(got.length).toBeGreaterThan(0);
    // Studio calls of other files share the zero-uuid key series: compare the rest exactly.
    const drop = (rows: { k: string }[]) => rows.filter((r) => !r.k.startsWith(`key|${NO_KEY}`));
    expect(drop(got)).toEqual(drop((await getPool().query(rawRunning, [mine])).rows));
  });

  it("apply filters exactly and give latency percentiles within their bins' precision", async () => {
    await foldAllDeltas();
    const range = await resolvePlatformRange(s.admin, { from: "2024-03-01", to: "2024-11-30", tz: "America/New_York", bucket: "day" });
    const filters: PlatformFilters[] = [
      { model: "pu-model-a" }, { source: "studio" }, { status: "failed" },
      { workspaceId: s.workspaces[1] }, { workspaceId: s.workspaces[1], model: "pu-model-a", source: "api" },
    ];
    for (const f of filters) {
      const timeline = await getPlatformTimeline(s.admin, range, f);
      const got = Object.fromEntries(timeline.filter((p) => p.calls).map((p) => [`${p.bucket}|`, sumsOf(p)]));
      expect(got, JSON.stringify(f)).toEqual(await raw(range, "total", f));
    }
    const byModel = await getPlatformBreakdown(s.admin, range, { model: "pu-model-a" }, "model");
    expect(byModel.series.map((x) => x.key)).toEqual(["pu-model-a"]);
    const inTeam = await getPlatformBreakdown(s.admin, range, { workspaceId: s.workspaces[0] }, "member", 50);
    expect(Object.fromEntries(inTeam.points.map((p) => [`${p.bucket}|${p.key}`, sumsOf(p)]))).toEqual(
      await raw(range, "member", { workspaceId: s.workspaces[0] }),
    );
    for (const f of [{}, { model: "pu-model-a" }] as PlatformFilters[]) {
      const totals = await getPlatformTotals(s.admin, range, f);
      for (const [q, got] of [[0.5, totals.p50Ms], [0.95, totals.p95Ms]] as const) {
        const exact = (await rawPercentile(range.from, range.to, q, f))!;
        expect(Math.abs(got! - exact), `p${q * 100} ${JSON.stringify(f)}`).toBeLessThanOrEqual(exact * 0.025 + 1);
      }
    }
    // A workspace's latency histogram isn't crossed with models or sources: with either filter there is none.
    for (const f of [{ model: "pu-model-a" }, { source: "api" }, { model: "pu-model-a", source: "api" }] as const) {
      const filters = { workspaceId: s.workspaces[1], ...f };
      const totals = await getPlatformTotals(s.admin, range, filters);
      expect(totals.calls, JSON.stringify(f)).toBeGreaterThan(0);
      expect({ p50: totals.p50Ms, p95: totals.p95Ms }, JSON.stringify(f)).toEqual({ p50: null, p95: null });
      const timeline = await getPlatformTimeline(s.admin, range, filters);
      expect(timeline.filter((p) => p.p50Ms !== null || p.p95Ms !== null), JSON.stringify(f)).toEqual([]);
    }
    const alone = await getPlatformTotals(s.admin, range, { workspaceId: s.workspaces[1] });
    expect(alone.p50Ms).not.toBeNull();
    await expect(getPlatformTimeline(s.admin, range, { model: "pu-model-a", status: "failed" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(getPlatformBreakdown(s.admin, range, { model: "pu-model-a" }, "workspace")).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("make the top series plus other equal the total, per bucket and over the range", async () => {
    const range = await resolvePlatformRange(s.admin, { from: "2024-03-01", to: "2024-11-30", tz: "Europe/Berlin", bucket: "month" });
    const totals = await getPlatformTotals(s.admin, range, {});
    const timeline = await getPlatformTimeline(s.admin, range, {});
    for (const by of BREAKDOWNS) {
      const result = await getPlatformBreakdown(s.admin, range, {}, by, 2);
      expect(result.series.length, by).toBeLessThanOrEqual(3);
      if (result.series.length === 3) expect(result.series[2]!.key, by).toBe("other");
      const overall = result.totals.reduce((a, t) => ({ calls: a.calls + t.calls, credits: a.credits + t.credits }), { calls: 0, credits: 0 });
      expect(overall, by).toEqual({ calls: totals.calls, credits: totals.credits });
      for (const point of timeline) {
        const inBucket = result.points.filter((p) => p.bucket === point.bucket);
        expect(inBucket.reduce((a, p) => a + p.credits, 0), `${by} ${point.bucket}`).toBe(point.credits);
        expect(inBucket.reduce((a, p) => a + p.calls, 0), `${by} ${point.bucket}`).toBe(point.calls);
      }
    }
    // Two days or less are ranked from their hours directly (not the running totals): the same identities hold.
    const short = await resolvePlatformRange(s.admin, { from: "2024-11-02", to: "2024-11-03", tz: "America/New_York", bucket: "hour" });
    const shortTotals = await getPlatformTotals(s.admin, short, {});
    expect(shortTotals.calls).toBeGreaterThan(0);
    for (const by of ["workspace", "member", "key"] as const) {
      const result = await getPlatformBreakdown(s.admin, short, {}, by, 1);
      const overall = result.totals.reduce((a, t) => ({ calls: a.calls + t.calls, credits: a.credits + t.credits }), { calls: 0, credits: 0 });
      expect(overall, `short ${by}`).toEqual({ calls: shortTotals.calls, credits: shortTotals.credits });
      const all = await getPlatformBreakdown(s.admin, short, {}, by, 50);
      expect(result.totals[0]!.credits, `short ${by} top`).toBe(Math.max(...all.totals.map((t) => t.credits)));
    }
    const spenders = await listTopSpenders(s.admin, range, {}, "member", 3);
    const byMember = await raw({ ...range, bucket: "month" }, "member");
    const perMember = new Map<string, number>();
    for (const [k, v] of Object.entries(byMember)) perMember.set(k.split("|")[1]!, (perMember.get(k.split("|")[1]!) ?? 0) + v.credits);
    const expected = [...perMember].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([, c]) => c);
    expect(spenders.map((x) => x.credits)).toEqual(expected);
    const teams = await listTopSpenders(s.admin, range, {}, "workspace");
    expect(teams.map((x) => x.key).sort()).toEqual([...s.workspaces].sort());
  });

  it("rank by the whole range exactly: a member top in no month, one whose usage lies only in the edge months, ties", async () => {
    // In 2023 (nothing else writes there), UTC. Ranking over more than 32 days bounds each member by whole months
    // inside and around the range and probes only those that can still win: each of these would break a wrong bound.
    const owner = await seedUser();
    const ws = owner.workspaceId;
    const people = [owner.userId, ...(await Promise.all(Array.from({ length: 20 }, () => seedMember(ws)))).map((m) => m.userId)];
    const [steady, twin, edges, outside, ...rest] = people;
    const [monthly, small] = [rest.slice(0, 4), rest.slice(4)];
    const at = (month: number, day: number, hour = 12) => new Date(Date.UTC(2023, month, day, hour));
    const spend = (userId: string, createdAt: Date, credits: number) => seedUsageRecord({ workspaceId: ws, userId, credits, latencyMs: 100, createdAt });
    for (const month of [1, 2, 3, 4]) {
      await spend(steady!, at(month, 10), 60); // 240 over the range, never the top of any month
      await spend(twin!, at(month, 11), 60); // the same credits and calls: the key breaks the tie
      await spend(monthly[month - 1]!, at(month, 12), 100); // the top of its month, 100 over the range
    }
    // More members than any ranking asks for (10), so the bounds leave some out.
    for (const [i, userId] of small.entries()) await spend(userId, at(2, 1 + i), 10 + i);
    // Only in the partial months at both ends: 130 + 135 inside the range, 900 more just outside it.
    await spend(edges!, at(0, 20), 130);
    await spend(edges!, at(5, 5), 135);
    await spend(edges!, at(0, 3), 900);
    await spend(outside!, at(0, 2), 5000); // all of it before the range: never ranked
    await spend(outside!, at(6, 2), 5000);
    // More members whose month rows promise more than anyone (2000 in the partial first month, just before the range)
    // than the ranking sums exactly first (40): the true top comes after them by that bound and must still be found.
    const decoys = (await Promise.all(Array.from({ length: 45 }, () => seedMember(ws)))).map((m) => m.userId);
    for (const userId of decoys) {
      await spend(userId, at(0, 4), 2000);
      await spend(userId, at(3, 20), 1);
    }
    // Every member's exact calls and credits in [from, to) from the records, in the ranking's order.
    const rankedFromRecords = async ({ from, to }: { from: Date; to: Date }) => {
      const { rows } = await getPool().query<{ k: string; calls: string; credits: string }>(
        `SELECT user_id::text AS k, count(*) AS calls, sum(credits) AS credits FROM usage_records
         WHERE created_at >= $1 AND created_at < $2 AND status <> 'pending' GROUP BY 1`,
        [from, to],
      );
      return rows
        .map((r) => ({ key: r.k, calls: Number(r.calls), credits: Number(r.credits) }))
        .sort((a, b) => b.credits - a.credits || b.calls - a.calls || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    };
    const range = await resolvePlatformRange(s.admin, { from: "2023-01-15", to: "2023-06-14", tz: "UTC", bucket: "month" });
    const want = await rankedFromRecords(range);
    expect(want.slice(0, 3).map((x) => x.key)).toEqual([edges, ...[steady!, twin!].sort()]);
    const total = want.reduce((a, x) => a + x.credits, 0);
    for (const stage of ["unfolded", "folded"]) {
      for (const n of [1, 2, 3, 5]) {
        const top = await listTopSpenders(s.admin, range, {}, "member", n);
        expect(top.map((x) => [x.key, x.credits]), `${stage} top ${n}`).toEqual(want.slice(0, n).map((x) => [x.key, x.credits]));
        const result = await getPlatformBreakdown(s.admin, range, {}, "member", n);
        expect(result.series.map((x) => x.key), `${stage} breakdown ${n}`).toEqual([...want.slice(0, n).map((x) => x.key), "other"]);
        const other = result.totals.find((t) => t.key === "other")!;
        expect(other.credits, `${stage} other ${n}`).toBe(total - want.slice(0, n).reduce((a, x) => a + x.credits, 0));
      }
      await foldAllDeltas();
    }
    // Seven weeks with no whole month inside (bounded only by the two months around them): the same exact order as
    // the records give.
    const weeks = await resolvePlatformRange(s.admin, { from: "2023-03-05", to: "2023-04-24", tz: "UTC", bucket: "day" });
    const wantWeeks = await rankedFromRecords(weeks);
    const topWeeks = await listTopSpenders(s.admin, weeks, {}, "member", 5);
    expect(topWeeks.map((x) => [x.key, x.credits])).toEqual(wantWeeks.slice(0, 5).map((x) => [x.key, x.credits]));
  });

  it("page the drill-down completely and disjointly, newest first, for every filter", async () => {
    const from = new Date("2024-01-01T00:00:00Z");
    const to = new Date("2025-01-01T00:00:00Z");
    const queries = [
      {}, { userId: s.users[1] }, { apiKeyId: "none" }, { apiKeyId: s.keyIds[0] }, { model: "pu-model-a" },
      { status: "failed" as const }, { source: "studio" as const }, { workspaceId: s.workspaces[1], model: "pu-model-c" },
    ];
    for (const q of queries) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let last = Infinity;
      do {
        const page = await listPlatformUsageRecords(s.admin, { from, to, ...q }, cursor, 7);
        for (const row of page.rows) {
          expect(row.createdAt.getTime()).toBeLessThanOrEqual(last);
          last = row.createdAt.getTime();
          seen.push(row.id);
        }
        cursor = page.nextCursor;
      } while (cursor);
      const { rows } = await getPool().query<{ id: string }>(
        `SELECT id FROM usage_records WHERE created_at >= $1 AND created_at < $2 AND status <> 'pending'
           AND ($3::uuid IS NULL OR user_id = $3) AND ($4::text IS NULL OR ($4 = 'none' AND api_key_id IS NULL) OR api_key_id::text = $4)
           AND ($5::text IS NULL OR model = $5) AND ($6::text IS NULL OR status::text = $6) AND ($7::text IS NULL OR source::text = $7)
           AND ($8::uuid IS NULL OR workspace_id = $8)`,
        [from, to, "userId" in q ? q.userId : null, "apiKeyId" in q ? q.apiKeyId : null, "model" in q ? q.model : null,
         "status" in q ? q.status : null, "source" in q ? q.source : null, "workspaceId" in q ? q.workspaceId : null],
      );
      expect(new Set(seen).size, JSON.stringify(q)).toBe(seen.length);
      expect([...seen].sort(), JSON.stringify(q)).toEqual(rows.map((r) => r.id).sort());
      expect(seen.length).toBeGreaterThan(0);
    }
  });

  /** Every record a drill-down link lists (its address read back as the records page reads it), paged 4 at a time. */
  async function drillDown(href: string) {
    const params = new URLSearchParams(href.split("?")[1]);
    const search = recordsSearchSchema.parse({ ...Object.fromEntries(params), not: params.getAll("not") });
    expect(search.exceptError ?? null, href).toBeNull();
    const query = { from: search.from, to: search.to, workspaceId: search.workspace, userId: search.user, apiKeyId: search.key, model: search.model, except: search.except };
    const rows: { id: string; credits: number; createdAt: Date }[] = [];
    let cursor: string | null = null;
    do {
      const page = await listPlatformUsageRecords(s.admin, query, cursor, 4);
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  it("drill down from an Other bar or total to exactly the slice's records outside the top series", async () => {
    const cases: { range: Parameters<typeof resolvePlatformRange>[1]; filters: PlatformFilters; by: PlatformBreakdown; top: number }[] = [];
    for (const by of ["workspace", "member", "key", "model"] as const) {
      for (const top of by === "workspace" ? [1] : [1, 2]) cases.push({ range: { from: "2024-03-01", to: "2024-11-30", tz: "America/New_York", bucket: "month" }, filters: {}, by, top });
    }
    // Hours across the end of US daylight time: the key breakdown's rest there is studio calls (no key) or a key.
    cases.push({ range: { from: "2024-11-02", to: "2024-11-04", tz: "America/New_York", bucket: "hour" }, filters: {}, by: "key", top: 1 });
    // In June 2022 (nothing else writes there), studio calls are the smallest key series: the rest after the top key
    // is the other key and the calls without any.
    const [k0, k1] = s.keyIds as [string, string];
    const [owner0, member0, owner1] = s.users as [string, string, string];
    for (let i = 0; i < 12; i++) {
      const [apiKeyId, workspaceId, userId, credits] = i % 3 === 0 ? [k0, s.workspaces[0]!, owner0, 50] : i % 3 === 1 ? [k1, s.workspaces[1]!, owner1, 10] : [null, s.workspaces[0]!, member0, 3];
      await seedUsageRecord({ workspaceId, userId, apiKeyId, source: apiKeyId ? "api" : "studio", credits, createdAt: new Date(Date.UTC(2022, 5, 1, 9) + i * 3 * 3_600_000) });
    }
    cases.push({ range: { from: "2022-06-01", to: "2022-06-02", tz: "Europe/Berlin", bucket: "hour" }, filters: {}, by: "key", top: 1 });
    cases.push({ range: { from: "2024-03-01", to: "2024-04-30", tz: "Asia/Kolkata", bucket: "day" }, filters: { workspaceId: s.workspaces[0] }, by: "member", top: 1 });
    let checked = 0;
    const excludedNoKey = new Set<boolean>();
    for (const c of cases) {
      const range = await resolvePlatformRange(s.admin, c.range);
      const result = await getPlatformBreakdown(s.admin, range, c.filters, c.by, c.top);
      const top = result.series.map((x) => x.key).filter((k) => k !== "other");
      const label = `${c.by} top ${c.top} ${c.range.bucket}`;
      // Today's dashboards link "Other" to the whole bucket (no filter): the counts below tell the difference.
      const filter = seriesFilter(c.by, "other", top) ?? {};
      if (c.by === "key") excludedNoKey.add(top.includes(NO_KEY));
      const bounds = { from: range.from.toISOString(), to: range.to.toISOString(), tz: range.tz, buckets: range.buckets };
      const drill = { filters: c.filters, back: "" };
      // The raw records of a slice outside the top series, keyed as the rollups key them (studio calls: the zero uuid).
      const outside = async (from: Date, to: Date) => {
        const { rows } = await getPool().query<{ id: string }>(
          `SELECT u.id FROM usage_records u WHERE u.created_at >= $1 AND u.created_at < $2 AND u.status <> 'pending'
             AND ($4::uuid IS NULL OR u.workspace_id = $4) AND NOT (${KEY_EXPR[c.by]} = ANY($3::text[]))`,
          [from, to, top, c.filters.workspaceId ?? null],
        );
        return rows.map((r) => r.id).sort();
      };
      const others = result.points.filter((p) => p.key === "other");
      expect(others.length, label).toBeGreaterThan(0);
      for (const point of others) {
        const slice = bucketBounds(bounds, range.buckets.indexOf(point.bucket));
        const listed = await drillDown(recordsHref(drill, slice, range.tz, filter));
        const where = `${label} ${point.bucket}`;
        expect(new Set(listed.map((r) => r.id)).size, where).toBe(listed.length);
        expect(listed.map((r) => r.createdAt.getTime()), where).toEqual(listed.map((r) => r.createdAt.getTime()).sort((a, b) => b - a));
        expect({ calls: listed.length, credits: listed.reduce((a, r) => a + r.credits, 0) }, where).toEqual({ calls: point.calls, credits: point.credits });
        expect(listed.map((r) => r.id).sort(), where).toEqual(await outside(slice.from, slice.to));
        checked++;
      }
      // The "Other" total over the range.
      const total = result.totals.find((t) => t.key === "other")!;
      const listed = await drillDown(recordsHref(drill, range, range.tz, filter));
      expect({ calls: listed.length, credits: listed.reduce((a, r) => a + r.credits, 0) }, `${label} total`).toEqual({ calls: total.calls, credits: total.credits });
    }
    expect(checked).toBeGreaterThan(10);
    // Both kinds of key rest were drilled into: with studio calls (no key) among the top, and with them in the rest.
    expect([...excludedNoKey].sort()).toEqual([false, true]);
  });

  it("keep calls without a key under 'not these keys' unless 'none' is among them, and refuse a bad list", async () => {
    const from = new Date("2024-01-01T00:00:00Z");
    const to = new Date("2025-01-01T00:00:00Z");
    const ids = async (where: string) =>
      (await getPool().query<{ id: string }>(`SELECT id FROM usage_records WHERE created_at >= $1 AND created_at < $2 AND status <> 'pending' AND ${where}`, [from, to, s.keyIds[0]])).rows.map((r) => r.id).sort();
    const list = async (values: string[]) => {
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listPlatformUsageRecords(s.admin, { from, to, except: { by: "key", values } }, cursor, 9);
        all.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      return all.sort();
    };
    const keptNull = await list([s.keyIds[0]!]);
    expect(keptNull).toEqual(await ids(`(api_key_id IS NULL OR api_key_id <> $3)`));
    expect((await ids(`api_key_id IS NULL AND $3::uuid IS NOT NULL`)).every((id) => keptNull.includes(id))).toBe(true);
    expect(await list([s.keyIds[0]!, "none"])).toEqual(await ids(`api_key_id IS NOT NULL AND api_key_id <> $3`));
    expect(await list(["none"])).toEqual(await ids(`api_key_id IS NOT NULL AND $3::uuid IS NOT NULL`));
    // Links are edited by hand: a bad list is a message (the page lists nothing), never the whole slice or a crash.
    const bad = [
      { other: "workspace", not: ["not-a-uuid"] },
      { other: "planet", not: [s.workspaces[0]] },
      { other: "workspace" },
      { other: "user", not: Array.from({ length: 6 }, () => randomUUID()) },
      { other: "key", not: [s.keyIds[0], s.keyIds[0]] },
      { other: "status", not: ["exploded"] },
    ];
    for (const params of bad) {
      const search = recordsSearchSchema.parse({ from: from.toISOString(), to: to.toISOString(), ...params });
      expect(search.exceptError, JSON.stringify(params)).toMatch(/other than/);
      expect(search.except).toBeUndefined();
    }
    await expect(listPlatformUsageRecords(s.admin, { from, to, except: { by: "workspace", values: ["x'; DROP TABLE users; --"] } }, null)).rejects.toMatchObject({ code: "invalid_input" });
    const studio = recordsSearchSchema.parse({ other: "key", not: ["00000000-0000-0000-0000-000000000000"] });
    expect(studio.except).toEqual({ by: "key", values: ["none"] });
  });

  it("refuse anyone who is not an enabled platform admin, in every function", async () => {
    const person = await seedUser();
    const demoted = await seedUser({ admin: true });
    await db.user.update({ where: { id: demoted.userId }, data: { disabled: true } });
    const range = await resolvePlatformRange(s.admin, { preset: "7d", tz: "UTC", bucket: "day" });
    for (const caller of [{ id: person.userId }, { id: demoted.userId }]) {
      const calls = [
        () => resolvePlatformRange(caller, { preset: "7d", tz: "UTC", bucket: "day" }),
        () => getPlatformTotals(caller, range, {}),
        () => getPlatformTimeline(caller, range, {}),
        () => getPlatformBreakdown(caller, range, {}, "workspace"),
        () => listTopSpenders(caller, range, {}, "member"),
        () => listPlatformUsageRecords(caller, { from: range.from, to: range.to }, null),
      ];
      for (const call of calls) {
        const error = await call().then(() => null, (e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("not_found");
      }
    }
  });
});
