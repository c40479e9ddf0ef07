import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { admit, type AdmitInput } from "@/lib/billing/admit";
import { release, settle } from "@/lib/billing/settle";
import { db, getPool } from "@/lib/db/client";
import { foldUsageDeltas } from "@/lib/usage/fold-usage-deltas";
import { getUsageSeries } from "@/lib/usage/get-usage-series";
import { getUsageScope } from "@/lib/usage/get-usage-scope";
import { resolveUsageRange } from "@/lib/usage/resolve-usage-range";
import { usageSearchSchema } from "@/lib/usage/schemas";
import { seedUsageRecord } from "../factories/usage-records";
import { seedTeamWithKey } from "../factories/teams";
import { foldAllDeltas } from "../support/fold-all-deltas";

// The Usage page reads only the rollups (the cube usage_rollups_*, the per-breakdown usage_series) and the deltas
// not folded into them yet; these tests hold them to the raw records after real admissions and settlements
// (lib/billing), concurrent, retried and failed, with folds running at the same time.

const PRICES = { perRequest: 10, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 };

type Sums = Record<string, { calls: number; failed: number; credits: number; images: number; tokens: number }>;

const RAW = `
  SELECT concat_ws('|', date_trunc($2, created_at, 'UTC'), user_id, COALESCE(api_key_id::text, '-'), model) AS k,
         count(*)::int AS calls, count(*) FILTER (WHERE status IN ('failed', 'cancelled'))::int AS failed,
         sum(credits)::int AS credits, sum(images)::int AS images, COALESCE(sum(total_tokens), 0)::int AS tokens
  FROM usage_records WHERE workspace_id = $1 AND status <> 'pending' GROUP BY 1`;

const rollup = (table: string, column: string) => `
  SELECT concat_ws('|', ${column}, user_id, CASE WHEN api_key_id = '00000000-0000-0000-0000-000000000000' THEN '-' ELSE api_key_id::text END, model) AS k,
         calls::int, failed_calls::int AS failed, credits::int, images::int, total_tokens::int AS tokens
  FROM ${table} WHERE workspace_id = $1 AND (calls <> 0 OR credits <> 0 OR images <> 0 OR total_tokens <> 0)`;

async function sums(sql: string, values: unknown[]): Promise<Sums> {
  const { rows } = await getPool().query<{ k: string } & Sums[string]>(sql, values);
  return Object.fromEntries(rows.map(({ k, ...rest }) => [k, rest]));
}

// Per UTC day, week or month, or (unit "prefix") per hour t: the records of t's UTC day created before t.
const RAW_SERIES = `
  SELECT concat_ws('|', t, CASE $3 WHEN 'member' THEN user_id::text WHEN 'model' THEN model
                                ELSE COALESCE(api_key_id::text, '00000000-0000-0000-0000-000000000000') END) AS k,
         count(*)::int AS calls, count(*) FILTER (WHERE status IN ('failed', 'cancelled'))::int AS failed,
         sum(credits)::int AS credits, sum(images)::int AS images, COALESCE(sum(total_tokens), 0)::int AS tokens
  FROM usage_records,
       LATERAL (SELECT date_trunc($2, created_at, 'UTC') AS t WHERE $2 <> 'prefix'
                UNION ALL
                SELECT t FROM generate_series(date_trunc('hour', created_at, 'UTC') + interval '1 hour',
                                              date_trunc('day', created_at, 'UTC') + interval '23 hours', interval '1 hour') AS t
                WHERE $2 = 'prefix') AS u
  WHERE workspace_id = $1 AND status <> 'pending' GROUP BY 1`;

const SERIES = `
  SELECT concat_ws('|', bucket, series) AS k, calls::int, failed_calls::int AS failed, credits::int, images::int,
         total_tokens::int AS tokens
  FROM usage_series WHERE workspace_id = $1 AND unit = $2 AND dim = $3
    AND (calls <> 0 OR credits <> 0 OR images <> 0 OR total_tokens <> 0)`;

async function expectRollupsExact(workspaceId: string) {
  await foldAllDeltas();
  const { rows: left } = await getPool().query(`SELECT 1 FROM usage_rollup_deltas WHERE workspace_id = $1`, [workspaceId]);
  expect(left).toHaveLength(0);
  for (const unit of ["day", "week", "month", "prefix"]) {
    for (const dim of ["member", "model", "key"]) {
      expect(await sums(SERIES, [workspaceId, unit, dim]), `${dim} per ${unit}`).toEqual(await sums(RAW_SERIES, [workspaceId, unit, dim]));
    }
  }
  const rawHours = await sums(RAW, [workspaceId, "hour"]);
  expect(Object.keys(rawHours).length).toBeGreaterThan(0);
  expect(await sums(rollup("usage_rollups_hourly", "hour"), [workspaceId])).toEqual(rawHours);
  for (const unit of ["day", "week", "month"]) {
    const table = unit === "day" ? "usage_rollups_daily" : unit === "week" ? "usage_rollups_weekly" : "usage_rollups_monthly";
    expect(await sums(rollup(table, unit), [workspaceId]), unit).toEqual(await sums(RAW, [workspaceId, unit]));
  }
}

describe("usage rollups", () => {
  it("equal the raw records after concurrent settlements, retried settlements, failures and releases", async () => {
    const { owner, ownerMembershipId, member, key } = await seedTeamWithKey();
    const payers = [
      { workspaceId: owner.workspaceId, membershipId: ownerMembershipId, userId: owner.userId, apiKeyId: key.id, source: "api" as const },
      { workspaceId: owner.workspaceId, membershipId: member.membershipId, userId: member.userId, apiKeyId: null, source: "studio" as const },
    ];
    const inputs: AdmitInput[] = Array.from({ length: 80 }, (_, i) => ({
      ...payers[i % 2]!,
      amount: 30,
      prices: PRICES,
      requestId: `req_${randomUUID()}`,
      model: i % 3 ? "model-a" : "model-b",
    }));
    const admissions = await Promise.all(inputs.map((input) => admit(input)));
    const holds = admissions.map((a) => (a.ok ? a.holdId : null)).filter((id): id is string => id !== null);
    expect(holds).toHaveLength(80);

    // Every hold is settled twice at once (a retry racing the first attempt); some calls fail, a few stay pending.
    const outcome = (holdId: string, i: number) => {
      if (i % 5 === 0) return release(holdId, "failed", 5);
      if (i % 7 === 0) return release(holdId, "cancelled", 5);
      return settle({
        holdId, charge: 10 + (i % 4), holdStatus: "settled", usageStatus: i % 11 ? "succeeded" : "partial",
        promptTokens: i, completionTokens: 2 * i, totalTokens: 3 * i, usageSource: "upstream", images: i % 2, latencyMs: 7, upstreamId: null,
      });
    };
    const settling = holds.slice(0, 75);
    // Folds run meanwhile, small ones so they interleave with the settlements (each waits for the previous).
    let settled = false;
    const folding = (async () => {
      let folds = 0;
      while (!settled || folds < 3) {
        await foldUsageDeltas({ limit: 7, wait: true });
        folds++;
      }
    })();
    const results = await Promise.all(settling.flatMap((holdId, i) => [outcome(holdId, i), outcome(holdId, i)]));
    settled = true;
    await folding;
    // Each hold closed exactly once.
    for (let i = 0; i < settling.length; i++) expect([results[2 * i], results[2 * i + 1]].filter(Boolean)).toHaveLength(1);
    // A later retry of a closed hold changes nothing.
    expect(await Promise.all(settling.slice(0, 10).map((holdId, i) => outcome(holdId, i)))).toEqual(new Array(10).fill(false));

    // Before everything is folded the page's numbers are already exact: it adds the deltas not folded yet.
    const scope = (await getUsageScope({ userId: owner.userId }, owner.workspaceSlug))!;
    for (const only of [undefined, member.userId]) {
      const filters = usageSearchSchema.parse({ range: "7d", tz: "America/New_York", member: only });
      const range = await resolveUsageRange("7d", filters.tz, "day");
      for (const by of ["member", "model", "key"] as const) {
        const points = await getUsageSeries(scope, filters, range, "day", by);
        const { rows } = await getPool().query<{ credits: number; calls: number }>(
          `SELECT COALESCE(sum(credits), 0)::int AS credits, count(*)::int AS calls FROM usage_records
           WHERE workspace_id = $1 AND status <> 'pending' AND ($2::uuid IS NULL OR user_id = $2)`,
          [owner.workspaceId, only ?? null],
        );
        expect({ credits: points.reduce((s, p) => s + p.credits, 0), calls: points.reduce((s, p) => s + p.calls, 0) }, `${by} ${only}`).toEqual(rows[0]);
      }
    }

    await expectRollupsExact(owner.workspaceId);
    const { rows } = await getPool().query<{ calls: string; credits: string }>(
      `SELECT sum(calls) AS calls, sum(credits) AS credits FROM usage_rollups_hourly WHERE workspace_id = $1`,
      [owner.workspaceId],
    );
    expect(Number(rows[0]!.calls)).toBe(75); // the 5 still pending are not counted yet
    const charged = await db.usageRecord.aggregate({ where: { workspaceId: owner.workspaceId }, _sum: { credits: true } });
    expect(Number(rows[0]!.credits)).toBe(charged._sum.credits);

    // The last five settle now; then a record finished earlier is corrected in place: only the difference counts.
    await Promise.all(holds.slice(75).map((holdId, i) => outcome(holdId, 75 + i)));
    const corrected = await db.usageRecord.findFirstOrThrow({ where: { workspaceId: owner.workspaceId, status: "succeeded" } });
    await db.usageRecord.update({ where: { id: corrected.id }, data: { credits: corrected.credits + 5, latencyMs: 99 } });
    await db.usageRecord.update({ where: { id: corrected.id }, data: { latencyMs: 100 } });
    await expectRollupsExact(owner.workspaceId);
  });

  it("make day, week and month buckets in the viewer's zone equal the records counted by local time", async () => {
    const { owner, member } = await seedTeamWithKey();
    const now = Date.now();
    // Records over the last 85 days, 17 hours apart (so every hour of the day gets some), at odd minutes.
    for (let i = 0; i < 120; i++) {
      const createdAt = new Date(now - i * 17 * 3_600_000 - (i % 60) * 60_000 - 90_000);
      await seedUsageRecord({
        workspaceId: owner.workspaceId, userId: i % 3 ? owner.userId : member.userId, source: "studio",
        model: "model-a", credits: i + 1, images: 1, totalTokens: 2, createdAt,
      });
    }
    const scope = (await getUsageScope({ userId: owner.userId }, owner.workspaceSlug))!;
    // Workspace-wide by member (usage_series) and one member's by model (the cube), each from the deltas alone
    // (nothing folded yet, unless a gateway test's server folds meanwhile) and from the rollups alone.
    const views = [
      { by: "member" as const, only: undefined, column: "user_id::text" },
      { by: "model" as const, only: member.userId, column: "model" },
    ];
    const check = async (stage: string) => {
      for (const tz of ["UTC", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]) {
        for (const bucket of ["day", "week", "month"] as const) {
          for (const { by, only, column } of views) {
            const span = bucket === "month" ? "12m" : "90d";
            const filters = usageSearchSchema.parse({ range: span, tz, bucket, member: only });
            const range = await resolveUsageRange(span, tz, bucket);
            const points = await getUsageSeries(scope, filters, range, bucket, by);
            const fromChart: Record<string, number> = {};
            for (const p of points) fromChart[`${p.bucket}|${p.key}`] = (fromChart[`${p.bucket}|${p.key}`] ?? 0) + p.credits;
            const { rows } = await getPool().query<{ k: string; credits: number }>(
              `SELECT to_char(date_trunc($2, created_at, $3) AT TIME ZONE $3, 'YYYY-MM-DD') || '|' || ${column} AS k, sum(credits)::int AS credits
               FROM usage_records WHERE workspace_id = $1 AND created_at >= $4 AND created_at < $5
                 AND ($6::uuid IS NULL OR user_id = $6) GROUP BY 1`,
              [owner.workspaceId, bucket, tz, range.from, range.to, only ?? null],
            );
            expect(fromChart, `${stage}: ${tz} ${bucket} by ${by}`).toEqual(Object.fromEntries(rows.map((r) => [r.k, r.credits])));
            expect(points.every((p) => range.buckets.includes(p.bucket))).toBe(true);
          }
        }
      }
    };
    await check("deltas");
    await foldAllDeltas();
    await check("rollups");
  });
});
