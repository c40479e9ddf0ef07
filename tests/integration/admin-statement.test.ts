import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { adjustWorkspaceCredits } from "@/lib/admin/adjust-workspace-credits";
import { getWorkspaceStatement } from "@/lib/admin/get-workspace-statement";
import { reconcileStatement } from "@/lib/admin/reconcile-statement";
import { refundUsageRecord } from "@/lib/admin/refund-usage-record";
import { admit } from "@/lib/billing/admit";
import { checkLedger } from "@/lib/billing/check-ledger";
import { grantCredits } from "@/lib/billing/grant-credits";
import { billingPeriodSchema, currentMonth } from "@/lib/billing/schemas";
import { settle } from "@/lib/billing/settle";
import { db, getPool } from "@/lib/db/client";
import { foldUsageDeltas } from "@/lib/usage/fold-usage-deltas";
import { seedUser } from "../factories/users";

const PRICES = { perRequest: 3, perImage: 2, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 };
const thisMonth = () => billingPeriodSchema.parse({ month: currentMonth() });

async function customer() {
  const owner = await seedUser({ admin: true });
  const membership = await db.membership.findFirstOrThrow({ where: { userId: owner.userId, workspaceId: owner.workspaceId } });
  await grantCredits({ workspaceId: owner.workspaceId, amount: 10_000, opId: `seed:${randomUUID()}` });
  const call = async (model: string) => {
    const admitted = await admit({
      workspaceId: owner.workspaceId, membershipId: membership.id, userId: owner.userId, apiKeyId: null, prices: PRICES,
      source: "api", model, amount: 50, requestId: `req_${randomUUID()}`,
    });
    if (!admitted.ok) throw new Error(`admission refused: ${admitted.refusal}`);
    return admitted;
  };
  return { owner, call };
}

// The same per-model numbers by a raw scan of the records, to hold the rollup-read statement against.
async function rawScan(workspaceId: string, since: Date, until: Date) {
  const { rows } = await getPool().query(
    `SELECT model, count(*)::int AS calls, (count(*) FILTER (WHERE status IN ('failed', 'cancelled')))::int AS "failedCalls",
            COALESCE(sum(prompt_tokens), 0)::int AS "promptTokens", COALESCE(sum(completion_tokens), 0)::int AS "completionTokens",
            COALESCE(sum(total_tokens), 0)::int AS "totalTokens", COALESCE(sum(images), 0)::int AS images, COALESCE(sum(credits), 0)::int AS credits
     FROM usage_records WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3 AND status <> 'pending'
     GROUP BY model ORDER BY model`,
    [workspaceId, since, until],
  );
  return rows;
}

const withoutLedger = (models: { model: string; ledgerCharged: number }[]) =>
  models.map(({ ledgerCharged: _, ...line }) => line).sort((a, b) => a.model.localeCompare(b.model));

describe("workspace statement", () => {
  it("equals the ledger after concurrent settlements, failures, a refund and a grant", async () => {
    const { owner, call } = await customer();
    const models = ["test-statement-a", "test-statement-b"];
    const admitted = await Promise.all(Array.from({ length: 24 }, (_, i) => call(models[i % 2]!)));
    // Every settlement at once (the batcher puts several in one statement): most charged, some failed for nothing.
    const outcomes = admitted.map((a, i) => ({
      a, model: models[i % 2]!, failed: i % 7 === 0, images: i % 3, tokens: 100 + i,
    }));
    await Promise.all(
      outcomes.map((o) =>
        settle({
          holdId: o.a.holdId, charge: o.failed ? 0 : 3 + 2 * o.images, holdStatus: o.failed ? "released" : "settled",
          usageStatus: o.failed ? "failed" : "succeeded", promptTokens: o.tokens, completionTokens: 10, totalTokens: o.tokens + 10,
          usageSource: "upstream", images: o.failed ? 0 : o.images, latencyMs: 5, upstreamId: null,
        }),
      ),
    );
    const stillRunning = await call(models[0]!);
    const refunded = outcomes.find((o) => !o.failed && o.images === 2)!;
    await refundUsageRecord({ usageRecordId: refunded.a.usageRecordId, actorId: owner.userId, note: "customer complaint" });
    await adjustWorkspaceCredits({ workspaceId: owner.workspaceId, direction: "grant", amount: 700, note: "goodwill", actorId: owner.userId, opId: randomUUID() });
    await adjustWorkspaceCredits({ workspaceId: owner.workspaceId, direction: "deduct", amount: 100, note: "correction", actorId: owner.userId, opId: randomUUID() });

    const statement = (await getWorkspaceStatement(owner.workspaceSlug, thisMonth()))!;
    const charged = outcomes.filter((o) => !o.failed);
    for (const model of models) {
      const mine = outcomes.filter((o) => o.model === model);
      const line = statement.models.find((m) => m.model === model)!;
      expect(line).toMatchObject({
        calls: mine.length,
        failedCalls: mine.filter((o) => o.failed).length,
        images: mine.filter((o) => !o.failed).reduce((s, o) => s + o.images, 0),
        promptTokens: mine.reduce((s, o) => s + o.tokens, 0),
        totalTokens: mine.reduce((s, o) => s + o.tokens + 10, 0),
        credits: mine.filter((o) => !o.failed).reduce((s, o) => s + 3 + 2 * o.images, 0),
      });
    }
    expect(statement.pendingCalls).toBe(1);

    // The statement's totals are the ledger's own sums, to the credit.
    const ledger = await db.ledgerEntry.groupBy({ by: ["kind"], where: { workspaceId: owner.workspaceId }, _sum: { amount: true } });
    const sum = (kind: string) => ledger.find((l) => l.kind === kind)?._sum.amount ?? 0;
    const credits = statement.models.reduce((s, m) => s + m.credits, 0);
    expect(credits).toBe(charged.reduce((s, o) => s + 3 + 2 * o.images, 0));
    expect(credits).toBe(sum("charge"));
    expect(statement.booked).toEqual({ grants: sum("grant"), adjusts: sum("adjust"), charges: sum("charge"), chargeEntries: charged.length });
    expect(statement.booked.adjusts).toBe(3 + 2 * 2 - 100);
    const { balance } = await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId }, select: { balance: true } });
    expect(statement.closing).toBe(balance);
    expect(statement.opening).toBe(0);

    // The refund is a line of its own, naming the call it gives back.
    const refund = statement.ledger.find((l) => l.usageRecordId === refunded.a.usageRecordId)!;
    expect(refund).toMatchObject({ kind: "adjust", amount: 7, note: "customer complaint", refundedModel: refunded.model });
    // (the first grant is the sign-up's credits)
    expect(statement.ledger.map((l) => [l.kind, l.amount]).slice(1)).toEqual([["grant", 10_000], ["adjust", 7], ["grant", 700], ["adjust", -100]]);

    const checks = reconcileStatement(statement);
    expect(checks.every((c) => c.ok), JSON.stringify(checks)).toBe(true);
    expect(checks.map((c) => c.label)).toContain("Closing balance = the workspace's balance now");

    // Read from the rollups, the statement equals a raw scan of the records, before and after the deltas are folded
    // (another file's fold may run at any moment; the sums are the same either way), and per model the ledger's charges.
    const period = thisMonth();
    expect(withoutLedger(statement.models)).toEqual(await rawScan(owner.workspaceId, period.since, period.until));
    for (const line of statement.models) expect(line.ledgerCharged, line.model).toBe(line.credits);
    await foldUsageDeltas({ wait: true });
    const folded = (await getWorkspaceStatement(owner.workspaceSlug, period))!;
    expect(folded.models).toEqual(statement.models);
    expect(reconcileStatement(folded).every((c) => c.ok)).toBe(true);
    // A range of whole days reads daily (or hourly) rows instead of the month's: the same calls, the same sums.
    const today = new Date().toISOString().slice(0, 10);
    const days = billingPeriodSchema.parse({ from: today, to: today });
    const daily = (await getWorkspaceStatement(owner.workspaceSlug, days))!;
    expect(withoutLedger(daily.models)).toEqual(await rawScan(owner.workspaceId, days.since, days.until));
    expect(reconcileStatement(daily).filter((c) => c.label.startsWith("Charges")).every((c) => c.ok)).toBe(true);
    expect((await checkLedger()).drift.filter((d) => d.workspace === owner.workspaceSlug)).toEqual([]);

    await settle({ holdId: stillRunning.holdId, charge: 0, holdStatus: "released", usageStatus: "failed", promptTokens: null, completionTokens: null, totalTokens: null, usageSource: null, images: 0, latencyMs: 1, upstreamId: null });
  });

  it("shows a mismatch when a usage record disagrees with its ledger charge", async () => {
    const { owner, call } = await customer();
    const a = await call("test-statement-drift");
    await settle({ holdId: a.holdId, charge: 5, holdStatus: "settled", usageStatus: "succeeded", promptTokens: 1, completionTokens: 1, totalTokens: 2, usageSource: "upstream", images: 1, latencyMs: 1, upstreamId: null });
    // A defect elsewhere rewrites the record's cost (the ledger, append-only, still says 5).
    await db.usageRecord.update({ where: { id: a.usageRecordId }, data: { credits: 4 } });
    const checks = reconcileStatement((await getWorkspaceStatement(owner.workspaceSlug, thisMonth()))!);
    expect(checks.filter((c) => !c.ok)).toEqual([
      { label: "Charges for test-statement-drift calls", statement: 4, ledger: 5, ok: false },
      { label: "Charges for all calls of the period", statement: 4, ledger: 5, ok: false },
    ]);
  });

  it("puts calls, grants and refunds in the period they belong to, and knows no other workspace", async () => {
    const { owner } = await customer();
    const past = await getWorkspaceStatement(owner.workspaceSlug, billingPeriodSchema.parse({ month: "2020-01" }));
    expect(past).toMatchObject({ models: [], ledger: [], opening: 0, closing: 0, current: false, booked: { grants: 0, adjusts: 0, charges: 0 } });
    expect(reconcileStatement(past!).every((c) => c.ok)).toBe(true);
    expect(await getWorkspaceStatement(`missing-${randomUUID().slice(0, 8)}`, thisMonth())).toBeNull();
  });
});
