import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { adjustCreditsAction } from "@/lib/actions/admin/adjust-credits";
import { refundUsageAction } from "@/lib/actions/admin/refund-usage";
import { releaseHoldAction } from "@/lib/actions/admin/release-hold";
import { admit } from "@/lib/billing/admit";
import { checkLedger } from "@/lib/billing/check-ledger";
import { grantCredits } from "@/lib/billing/grant-credits";
import { settle } from "@/lib/billing/settle";
import { db } from "@/lib/db/client";
import { seedUser } from "../factories/users";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const idle = { status: "idle" as const };
const PRICES = { perRequest: 10, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 };

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

function signIn(user: { userId: string; email: string }, role: "admin" | "user") {
  session.user = { id: user.userId, email: user.email, name: null, role };
}

async function books(workspaceId: string) {
  const w = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { slug: true, balance: true, held: true } });
  const entries = await db.ledgerEntry.count({ where: { workspaceId } });
  const audits = await db.auditLog.count({ where: { workspaceId } });
  return { ...w, entries, audits };
}

async function expectCleanLedger(slug: string) {
  const { drift } = await checkLedger();
  expect(drift.filter((d) => d.workspace === slug)).toEqual([]);
}

/** A workspace given `credits` (beyond sign-up's), one call charged `charge` and one still holding `hold`; `start` = its balance then. */
async function customer(credits: number, charge = 7, hold = 10) {
  const owner = await seedUser();
  const membership = await db.membership.findFirstOrThrow({ where: { userId: owner.userId, workspaceId: owner.workspaceId } });
  await grantCredits({ workspaceId: owner.workspaceId, amount: credits, opId: `seed:${randomUUID()}` });
  const base = { workspaceId: owner.workspaceId, membershipId: membership.id, userId: owner.userId, apiKeyId: null, prices: PRICES, source: "api" as const, model: "darkroom-local" };
  const charged = await admit({ ...base, amount: 10, requestId: `req_${randomUUID()}` });
  if (!charged.ok) throw new Error("admission refused");
  await settle({ holdId: charged.holdId, charge, holdStatus: "settled", usageStatus: "succeeded", promptTokens: 1, completionTokens: 1, totalTokens: 2, usageSource: "upstream", images: 0, latencyMs: 3, upstreamId: null });
  const open = await admit({ ...base, amount: hold, requestId: `req_${randomUUID()}` });
  if (!open.ok) throw new Error("admission refused");
  const { balance } = await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId }, select: { balance: true } });
  return { owner, usageRecordId: charged.usageRecordId, holdId: open.holdId, start: balance };
}

beforeEach(() => {
  session.user = null;
});

describe("admin credit actions", () => {
  it("grants and deducts with a note, audited, and a resubmitted form applies once", async () => {
    const admin = await seedUser({ admin: true });
    const { owner, start } = await customer(100);
    signIn(admin, "admin");
    const opId = randomUUID();
    const grant = { unverifiedWorkspaceId: owner.workspaceId, direction: "grant", amount: "250", note: "Goodwill for the outage", opId };
    expect(await adjustCreditsAction(idle, form(grant))).toMatchObject({ status: "success", message: `Granted 250 credits. Balance is now ${(start + 250).toLocaleString("en-US")}.` });
    expect(await adjustCreditsAction(idle, form(grant))).toMatchObject({ status: "success" });
    expect((await books(owner.workspaceId)).balance).toBe(start + 250);

    const deduct = { ...grant, direction: "deduct", amount: "43", opId: randomUUID() };
    expect(await adjustCreditsAction(idle, form(deduct))).toMatchObject({ status: "success" });
    const after = await books(owner.workspaceId);
    expect(after.balance).toBe(start + 207);
    const audits = await db.auditLog.findMany({ where: { workspaceId: owner.workspaceId, actorId: admin.userId }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.action, (a.data as { amount: number }).amount])).toEqual([["credits.granted", 250], ["credits.deducted", 43]]);
    const adjust = await db.ledgerEntry.findFirstOrThrow({ where: { workspaceId: owner.workspaceId, kind: "adjust" } });
    expect(adjust).toMatchObject({ amount: -43, actorId: admin.userId, note: "Goodwill for the outage" });
    await expectCleanLedger(after.slug);
  });

  it("never deducts below what is held", async () => {
    const admin = await seedUser({ admin: true });
    const { owner, start } = await customer(100); // 10 held
    const free = start - 10;
    signIn(admin, "admin");
    const before = await books(owner.workspaceId);
    const state = await adjustCreditsAction(idle, form({ unverifiedWorkspaceId: owner.workspaceId, direction: "deduct", amount: String(free + 1), note: "Too much", opId: randomUUID() }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { amount: [expect.stringMatching(/held/)] } });
    expect(await books(owner.workspaceId)).toEqual(before);
    expect(await adjustCreditsAction(idle, form({ unverifiedWorkspaceId: owner.workspaceId, direction: "deduct", amount: String(free), note: "Exactly", opId: randomUUID() }))).toMatchObject({ status: "success" });
    expect((await books(owner.workspaceId)).balance).toBe(10);
    await expectCleanLedger(before.slug);
  });

  it("validates numbers against the column and requires a note, with field messages", async () => {
    const admin = await seedUser({ admin: true });
    signIn(admin, "admin");
    const base = { unverifiedWorkspaceId: randomUUID(), direction: "grant", note: "ok note", opId: randomUUID() };
    for (const [amount, message] of [["1.5", /whole number/], ["-3", /whole number/], ["0", /at least 1/], ["2147483648", /at most 2,147,483,647/]] as const) {
      const state = await adjustCreditsAction(idle, form({ ...base, amount }));
      expect(state.fieldErrors?.amount?.[0]).toMatch(message);
      expect(state.values?.amount).toBe(amount);
    }
    expect((await adjustCreditsAction(idle, form({ ...base, amount: "5", note: "" }))).fieldErrors?.note?.[0]).toMatch(/note/);
    expect(await adjustCreditsAction(idle, form({ ...base, amount: "5" }))).toMatchObject({ status: "error", message: expect.stringMatching(/no longer exists/) });
    const { owner } = await customer(10, 1, 1);
    const overflow = await adjustCreditsAction(idle, form({ ...base, unverifiedWorkspaceId: owner.workspaceId, amount: "2147483647" }));
    expect(overflow.fieldErrors?.amount?.[0]).toMatch(/largest number/);
  });

  it("releases a stuck hold through settlement, once, audited", async () => {
    const admin = await seedUser({ admin: true });
    const { owner, holdId, start } = await customer(100);
    signIn(admin, "admin");
    const release = form({ unverifiedHoldId: holdId, note: "Worker died at 3am" });
    expect(await releaseHoldAction(idle, release)).toMatchObject({ status: "success" });
    expect(await releaseHoldAction(idle, release)).toMatchObject({ status: "error", message: expect.stringMatching(/already closed/) });
    const after = await books(owner.workspaceId);
    expect(after).toMatchObject({ balance: start, held: 0 });
    expect(await db.hold.findUniqueOrThrow({ where: { id: holdId } })).toMatchObject({ status: "released" });
    expect(await db.auditLog.count({ where: { action: "hold.released", target: holdId, actorId: admin.userId } })).toBe(1);
    await expectCleanLedger(after.slug);
  });

  it("refunds a usage record once, as a linked adjust entry", async () => {
    const admin = await seedUser({ admin: true });
    const { owner, usageRecordId, start } = await customer(100);
    signIn(admin, "admin");
    const refund = form({ unverifiedUsageRecordId: usageRecordId, note: "Blank image" });
    expect(await refundUsageAction(idle, refund)).toMatchObject({ status: "success", message: "Refunded 7 credits." });
    expect(await refundUsageAction(idle, refund)).toMatchObject({ status: "error", message: expect.stringMatching(/already been refunded/) });
    const [first, second] = await Promise.all([refundUsageAction(idle, refund), refundUsageAction(idle, refund)]);
    expect([first.status, second.status]).toEqual(["error", "error"]);
    const after = await books(owner.workspaceId);
    expect(after.balance).toBe(start + 7);
    expect(await db.ledgerEntry.findMany({ where: { usageRecordId }, select: { kind: true, amount: true, opId: true } })).toEqual([
      { kind: "adjust", amount: 7, opId: `refund:${usageRecordId}` },
    ]);
    expect(await db.auditLog.count({ where: { action: "usage.refunded", target: usageRecordId } })).toBe(1);
    await expectCleanLedger(after.slug);
  });

  it("refuses every credit action to non-admins and signed-out callers, changing nothing", async () => {
    const member = await seedUser();
    const { owner, holdId, usageRecordId } = await customer(100);
    const before = await books(owner.workspaceId);
    const calls = () => [
      adjustCreditsAction(idle, form({ unverifiedWorkspaceId: owner.workspaceId, direction: "grant", amount: "5", note: "sneaky", opId: randomUUID() })),
      adjustCreditsAction(idle, form({ unverifiedWorkspaceId: owner.workspaceId, direction: "deduct", amount: "5", note: "sneaky", opId: randomUUID() })),
      releaseHoldAction(idle, form({ unverifiedHoldId: holdId, note: "sneaky" })),
      refundUsageAction(idle, form({ unverifiedUsageRecordId: usageRecordId, note: "sneaky" })),
    ];
    for (const state of await Promise.all(calls())) expect(state).toMatchObject({ status: "error", message: expect.stringMatching(/Sign in/) });
    // The session's role claim says admin, but the database does not: the database wins.
    signIn(member, "admin");
    for (const state of await Promise.all(calls())) expect(state).toMatchObject({ status: "error", message: "Not found." });
    expect(await books(owner.workspaceId)).toEqual(before);
    expect(await db.hold.findUniqueOrThrow({ where: { id: holdId } })).toMatchObject({ status: "open" });
  });
});
