import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { admit, type AdmitInput } from "@/lib/billing/admit";
import { checkLedger } from "@/lib/billing/check-ledger";
import { chargeAmount, holdAmount } from "@/lib/billing/price-call";
import { release, settle } from "@/lib/billing/settle";
import { sweepExpiredHolds } from "@/lib/billing/sweep-expired-holds";
import { db } from "@/lib/db/client";
import { seedMember } from "../factories/api-keys";
import { seedUser } from "../factories/users";

const PRICES = { perRequest: 10, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 };

async function payer() {
  const owner = await seedUser();
  const membership = await db.membership.findFirstOrThrow({ where: { userId: owner.userId, workspaceId: owner.workspaceId } });
  return { workspaceId: owner.workspaceId, membershipId: membership.id, userId: owner.userId, apiKeyId: null };
}

function input(base: Awaited<ReturnType<typeof payer>>, amount: number): AdmitInput {
  return { ...base, amount, prices: PRICES, requestId: `req_${randomUUID()}`, source: "studio", model: "darkroom-local" };
}

const settlement = (holdId: string, charge: number) => ({
  holdId,
  charge,
  holdStatus: "settled" as const,
  usageStatus: "succeeded" as const,
  promptTokens: 1,
  completionTokens: 2,
  totalTokens: 3,
  usageSource: "upstream" as const,
  images: 1,
  latencyMs: 5,
  upstreamId: "chatcmpl-x",
});

describe("pricing", () => {
  it("sizes holds and charges per the spec", () => {
    const prices = { perRequest: 2, perImage: 8, per1kPrompt: 1, per1kCompletion: 2, tokenCeiling: 8192 };
    expect(holdAmount(prices, { n: 2, promptEstimate: 1500 })).toBe(2 * 10 + 2 + 17);
    expect(chargeAmount(prices, { images: 1, promptTokens: 31, completionTokens: 1302 })).toBe(2 + 8 + 1 + 3);
  });
});

describe("admit and settle", () => {
  it("holds credits with a pending usage record, then charges and releases the rest", async () => {
    const who = await payer();
    const admission = await admit(input(who, 100));
    expect(admission.ok).toBe(true);
    if (!admission.ok) return;
    let ws = await db.workspace.findUniqueOrThrow({ where: { id: who.workspaceId } });
    expect({ balance: ws.balance, held: ws.held }).toEqual({ balance: 1000, held: 100 });
    const record = await db.usageRecord.findUniqueOrThrow({ where: { id: admission.usageRecordId } });
    expect(record.status).toBe("pending");

    expect(await settle(settlement(admission.holdId, 30))).toBe(true);
    // A second settlement of the same hold changes nothing.
    expect(await settle(settlement(admission.holdId, 30))).toBe(false);
    ws = await db.workspace.findUniqueOrThrow({ where: { id: who.workspaceId } });
    expect({ balance: ws.balance, held: ws.held }).toEqual({ balance: 970, held: 0 });
    const done = await db.usageRecord.findUniqueOrThrow({ where: { id: admission.usageRecordId } });
    expect(done).toMatchObject({ status: "succeeded", credits: 30, promptTokens: 1, completionTokens: 2, totalTokens: 3, overage: false });
    const member = await db.membership.findUniqueOrThrow({ where: { id: who.membershipId } });
    expect({ used: member.monthUsed, held: member.monthHeld }).toEqual({ used: 30, held: 0 });
    expect((await checkLedger()).drift.filter((d) => d.balance === 970)).toEqual([]);
  });

  it("refuses what the balance can't cover, writing nothing", async () => {
    const who = await payer();
    const refused = await admit(input(who, 1001));
    expect(refused).toEqual({ ok: false, refusal: "insufficient_credits" });
    expect(await db.usageRecord.count({ where: { workspaceId: who.workspaceId } })).toBe(0);
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: who.workspaceId } });
    expect(ws.held).toBe(0);
  });

  it("enforces the member's monthly limit without touching the workspace", async () => {
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId);
    await db.membership.update({ where: { id: member.membershipId }, data: { monthlyLimit: 25 } });
    const who = { workspaceId: owner.workspaceId, membershipId: member.membershipId, userId: member.userId, apiKeyId: null };
    const first = await admit(input(who, 20));
    expect(first.ok).toBe(true);
    expect(await admit(input(who, 10))).toEqual({ ok: false, refusal: "member_limit" });
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } });
    expect(ws.held).toBe(20);
    if (first.ok) await release(first.holdId, "failed");
    expect((await admit(input(who, 25))).ok).toBe(true);
  });

  it("starts a new month's counters when the month rolls over", async () => {
    const who = await payer();
    await db.$executeRaw`UPDATE memberships SET month = '2001-01-01', month_used = 999, month_held = 0, monthly_limit = 50 WHERE id = ${who.membershipId}::uuid`;
    const admission = await admit(input(who, 40));
    expect(admission.ok).toBe(true);
    const member = await db.membership.findUniqueOrThrow({ where: { id: who.membershipId } });
    expect({ used: member.monthUsed, held: member.monthHeld }).toEqual({ used: 0, held: 40 });
    expect(member.month.getUTCDate()).toBe(1);
  });

  it("flags overage when the charge exceeds the hold, and lets the balance go below zero", async () => {
    const who = await payer();
    await db.$executeRaw`UPDATE memberships SET monthly_limit = NULL WHERE id = ${who.membershipId}::uuid`;
    const admission = await admit(input(who, 1000));
    if (!admission.ok) throw new Error("not admitted");
    await settle(settlement(admission.holdId, 1200));
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: who.workspaceId } });
    expect(ws.balance).toBe(-200);
    const record = await db.usageRecord.findUniqueOrThrow({ where: { id: admission.usageRecordId } });
    expect(record.overage).toBe(true);
    expect(await admit(input(who, 1))).toEqual({ ok: false, refusal: "insufficient_credits" });
  });

  it("admits exactly what fits under concurrency (200 racing admissions, room for 20)", async () => {
    const who = await payer();
    const results = await Promise.all(Array.from({ length: 200 }, () => admit(input(who, 50))));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: who.workspaceId } });
    expect(ws.held).toBe(1000);
    expect(await db.usageRecord.count({ where: { workspaceId: who.workspaceId } })).toBe(20);
  });

  it("the sweeper releases holds whose heartbeat stopped, marking their records failed", async () => {
    const who = await payer();
    const stale = await admit(input(who, 30));
    const live = await admit(input(who, 40));
    if (!stale.ok || !live.ok) throw new Error("not admitted");
    await db.$executeRaw`UPDATE holds SET heartbeat_at = now() - interval '20 minutes' WHERE id = ${stale.holdId}::uuid`;
    // This test cluster started minutes ago: the sweeper's wait for a database up a whole expiry is waived here.
    expect(await sweepExpiredHolds(15 * 60 * 1000, { minDatabaseUptimeMs: 0 })).toBeGreaterThanOrEqual(1);
    const hold = await db.hold.findUniqueOrThrow({ where: { id: stale.holdId } });
    expect(hold.status).toBe("expired");
    expect((await db.usageRecord.findUniqueOrThrow({ where: { id: stale.usageRecordId } })).status).toBe("failed");
    expect((await db.hold.findUniqueOrThrow({ where: { id: live.holdId } })).status).toBe("open");
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: who.workspaceId } });
    expect({ balance: ws.balance, held: ws.held }).toEqual({ balance: 1000, held: 40 });
  });

  it("the sweeper takes nothing while the database has been up for less than the expiry (an outage stops every beat)", async () => {
    const who = await payer();
    const held = await admit(input(who, 25));
    if (!held.ok) throw new Error("not admitted");
    // Silent for ten days, but the database has not been up for nine: its process may have been waiting for it.
    await db.$executeRaw`UPDATE holds SET heartbeat_at = now() - interval '10 days' WHERE id = ${held.holdId}::uuid`;
    const nineDays = 9 * 24 * 3600 * 1000;
    await sweepExpiredHolds(nineDays);
    expect((await db.hold.findUniqueOrThrow({ where: { id: held.holdId } })).status).toBe("open");
    expect(await release(held.holdId, "failed")).toBe(true);
  });
});
