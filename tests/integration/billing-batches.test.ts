import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { admit, type AdmitInput } from "@/lib/billing/admit";
import { checkLedger } from "@/lib/billing/check-ledger";
import { settle } from "@/lib/billing/settle";
import { db, getPool } from "@/lib/db/client";
import { seedMember } from "../factories/api-keys";
import { seedUser } from "../factories/users";

// Admissions and settlements that arrive together share one statement (lib/db/create-statement-batcher.ts).
// These tests make them arrive together and check that every caller still gets exactly its own answer.

const PRICES = { perRequest: 10, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 };

async function payer() {
  const owner = await seedUser();
  const membership = await db.membership.findFirstOrThrow({ where: { userId: owner.userId, workspaceId: owner.workspaceId } });
  return { workspaceId: owner.workspaceId, membershipId: membership.id, userId: owner.userId, apiKeyId: null };
}

const input = (who: Awaited<ReturnType<typeof payer>>, amount: number, requestId = `req_${randomUUID()}`): AdmitInput => ({
  ...who,
  amount,
  prices: PRICES,
  requestId,
  source: "studio",
  model: "darkroom-local",
});

const done = (holdId: string, charge: number) => ({
  holdId,
  charge,
  holdStatus: charge === 0 ? ("released" as const) : ("settled" as const),
  usageStatus: "succeeded" as const,
  promptTokens: 1,
  completionTokens: 2,
  totalTokens: 3,
  usageSource: "upstream" as const,
  images: 0,
  latencyMs: 1,
  upstreamId: null,
});

/** Names of the statements sent through the pool while `run` runs. */
async function statementsDuring<T>(run: () => Promise<T>): Promise<{ result: T; names: string[] }> {
  const pool = getPool();
  const spy = vi.spyOn(pool, "query");
  try {
    const result = await run();
    const names = spy.mock.calls.map(([config]) => {
      const named = config as unknown as { name?: string };
      return typeof named === "object" && named?.name ? named.name : "other";
    });
    return { result, names };
  } finally {
    spy.mockRestore();
  }
}

/** ledger:check's findings for these workspaces only (other test files write to the same database). */
async function driftOf(workspaceIds: string[]) {
  const slugs = (await db.workspace.findMany({ where: { id: { in: workspaceIds } }, select: { slug: true } })).map((w) => w.slug);
  return (await checkLedger()).drift.filter((d) => slugs.includes(d.workspace));
}

afterEach(() => vi.restoreAllMocks());

describe("admissions that arrive together", () => {
  it("share statements, and each gets its own answer: admitted, no room, member limit, suspended", async () => {
    const rich = await Promise.all([payer(), payer(), payer()]);
    const poor = await payer();
    const suspended = await payer();
    await db.workspace.update({ where: { id: suspended.workspaceId }, data: { suspended: true } });
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId);
    await db.membership.update({ where: { id: member.membershipId }, data: { monthlyLimit: 5 } });
    const limited = { workspaceId: owner.workspaceId, membershipId: member.membershipId, userId: member.userId, apiKeyId: null };

    const inputs = [
      ...rich.flatMap((who) => Array.from({ length: 10 }, () => input(who, 30))),
      input(poor, 1001),
      input(suspended, 1),
      input(limited, 10),
    ];
    const { result, names } = await statementsDuring(() => Promise.all(inputs.map((i) => admit(i))));
    // 33 admissions in far fewer statements than one each.
    expect(names.filter((n) => n.startsWith("darkroom_admit")).length).toBeLessThan(10);
    expect(names).toContain("darkroom_admit_many");

    expect(result.slice(0, 30).every((r) => r.ok)).toBe(true);
    expect(result.slice(30)).toEqual([
      { ok: false, refusal: "insufficient_credits" },
      { ok: false, refusal: "workspace_suspended" },
      { ok: false, refusal: "member_limit" },
    ]);
    const holdIds = result.flatMap((r) => (r.ok ? [r.holdId] : []));
    expect(new Set(holdIds).size).toBe(30);
    for (const who of rich) {
      const ws = await db.workspace.findUniqueOrThrow({ where: { id: who.workspaceId } });
      expect({ balance: ws.balance, held: ws.held }).toEqual({ balance: 1000, held: 300 });
      expect(await db.usageRecord.count({ where: { workspaceId: who.workspaceId, status: "pending" } })).toBe(10);
    }
    for (const who of [poor, suspended]) {
      expect(await db.usageRecord.count({ where: { workspaceId: who.workspaceId } })).toBe(0);
    }
    expect((await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } })).held).toBe(0);

    // Settled together too: one charge and one release each, balances exact.
    const settled = await statementsDuring(() => Promise.all(holdIds.map((id, i) => settle(done(id, i % 3)))));
    expect(settled.result.every((ok) => ok)).toBe(true);
    expect(settled.names).toContain("darkroom_settle_many");
    for (const [w, who] of rich.entries()) {
      const ws = await db.workspace.findUniqueOrThrow({ where: { id: who.workspaceId } });
      const charged = Array.from({ length: 10 }, (_, j) => (w * 10 + j) % 3).reduce((a, b) => a + b, 0);
      expect({ balance: ws.balance, held: ws.held }).toEqual({ balance: 1000 - charged, held: 0 });
    }
    expect(await driftOf(rich.map((who) => who.workspaceId))).toEqual([]);
  });

  it("a batch that fails as a whole (one duplicate request id) is retried one by one: only the bad one fails", async () => {
    const who = await payer();
    const duplicate = `req_${randomUUID()}`;
    expect((await admit(input(who, 10, duplicate))).ok).toBe(true);
    const inputs = [input(who, 10), input(who, 10, duplicate), input(who, 10), input(who, 10)];
    const outcomes = await Promise.allSettled(inputs.map((i) => admit(i)));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(outcomes.filter((o) => o.status === "fulfilled").every((o) => o.value.ok)).toBe(true);
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: who.workspaceId } });
    expect(ws.held).toBe(40);
    expect(await db.usageRecord.count({ where: { workspaceId: who.workspaceId } })).toBe(4);
    expect(await driftOf([who.workspaceId])).toEqual([]);
  });

  it("an admission stuck on a locked workspace does not hold up admissions of other workspaces", async () => {
    const [stuck, free] = await Promise.all([payer(), payer()]);
    const locker = await getPool().connect();
    try {
      await locker.query("BEGIN");
      await locker.query("SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE", [stuck.workspaceId]);
      const waiting = admit(input(stuck, 10));
      // The stuck admission's statement is out, waiting for the row lock.
      await vi.waitFor(
        async () => {
          const { rows } = await getPool().query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%darkroom_admit%'",
          );
          expect(rows[0]!.n).toBeGreaterThan(0);
        },
        { timeout: 5_000, interval: 20 },
      );
      const startedAt = Date.now();
      const others = await Promise.all([admit(input(free, 10)), admit(input(free, 10))]);
      expect(others.every((r) => r.ok)).toBe(true);
      expect(Date.now() - startedAt).toBeLessThan(2_000);
      let settledEarly = false;
      void waiting.then(() => (settledEarly = true));
      await new Promise((r) => setImmediate(r));
      expect(settledEarly).toBe(false);
      await locker.query("COMMIT");
      expect((await waiting).ok).toBe(true);
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      locker.release();
    }
    expect(await driftOf([stuck.workspaceId, free.workspaceId])).toEqual([]);
  });

  it("a hold listed twice in one settlement batch is settled once", async () => {
    const who = await payer();
    const admission = await admit(input(who, 100));
    if (!admission.ok) throw new Error("not admitted");
    const other = await admit(input(who, 100));
    if (!other.ok) throw new Error("not admitted");
    const results = await Promise.all([settle(done(other.holdId, 5)), settle(done(admission.holdId, 40)), settle(done(admission.holdId, 40))]);
    expect(results.filter((r) => r)).toHaveLength(2);
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: who.workspaceId } });
    expect({ balance: ws.balance, held: ws.held }).toEqual({ balance: 955, held: 0 });
  });
});
