// Accounting through the production server: admission refusals (workspace credits, a member's monthly limit),
// hold sizing (text only, images as a fixed count), settlement on the price snapshot, overage, and the sweeper
// for holds whose process died.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admit } from "@/lib/billing/admit";
import { sweepExpiredHolds } from "@/lib/billing/sweep-expired-holds";
import { closeDb, getPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { setModel } from "@/lib/gateway/catalog/set-model";
import { seedApiKey, seedMember } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { seedUser } from "../factories/users";
import { makeNoisePng } from "../fixtures/fake-upstream/make-png";
import { FAKE_USAGE } from "../fixtures/fake-upstream/build-responses";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import { booksOf, expectLedgerClean, expectOpenAiError, INPUT_IMAGE_DATA_URL, postChat, settledUsage, startGateway, usageRecordsOf, userMessage } from "../support/gateway";

// What the fake upstream reports as usage (the same numbers as the spec's fixtures).
const USAGE = FAKE_USAGE;

let fake: FakeUpstream;
let server: AppServer;
/** 1 per request, 2 per image, 1 per 1K prompt and completion tokens, ceiling 4096: hold 9, charge 6 for one image. */
let model: string;
/** 600 per request, nothing else. */
let pricey: string;
/** 1 per 1K prompt tokens ×100 (0.1 a token), to make the prompt estimate visible in the hold. */
let promptPriced: string;
/** 1 per request and 1 per completion token, no ceiling: any real output is overage. */
let uncapped: string;

beforeAll(async () => {
  fake = await startFakeUpstream();
  [model, pricey, promptPriced, uncapped] = await Promise.all([
    seedModel({ label: "accounting" }),
    seedModel({ label: "pricey", perRequest: 600, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 }),
    seedModel({ label: "prompt-priced", per1kPrompt: 100 }),
    seedModel({ label: "uncapped", perRequest: 1, perImage: 0, per1kPrompt: 0, per1kCompletion: 1000, tokenCeiling: 0 }),
  ]);
  server = await startGateway(fake);
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
  await expectLedgerClean();
  await closeDb();
});

const call = (modelId: string, extra: Record<string, unknown> = {}) => ({ model: modelId, messages: [userMessage(`paint ${randomUUID()}`)], ...extra });

/** A refusal at admission: 429 insufficient_quota, x-should-retry false, no usage record, nothing upstream. */
async function expectNoRoom(response: Response, message: RegExp) {
  const before = fake.requests.length;
  await expectOpenAiError(response, 429, { type: "insufficient_quota", code: "insufficient_quota", param: null, message });
  expect(response.headers.get("x-should-retry")).toBe("false");
  expect(await usageRecordsOf(response.headers.get("x-request-id")!)).toEqual([]);
  expect(fake.requests.length).toBe(before);
}

describe("admission", () => {
  it("not enough workspace credits: 429 insufficient_quota, nothing sent, nothing held", async () => {
    const key = await seedApiKey();
    const first = await postChat(server, key.key, call(pricey));
    expect(first.status).toBe(200);
    expect(await settledUsage(first)).toMatchObject({ status: "succeeded", credits: 600, hold_amount: 600 });
    await expectNoRoom(await postChat(server, key.key, call(pricey)), /credits/);
    await expectNoRoom(await postChat(server, key.key, call(pricey, { stream: true })), /credits/);
    expect(await booksOf(key.workspaceId)).toEqual({ balance: 400, held: 0 });
    // What fits is still admitted.
    expect((await postChat(server, key.key, call(model))).status).toBe(200);
  });

  it("a member's monthly limit: their calls stop while the workspace and other members go on", async () => {
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId);
    await getPool().query(`UPDATE memberships SET monthly_limit = 10 WHERE id = $1`, [member.membershipId]);
    const memberKey = await seedApiKey({ owner: { userId: member.userId, workspaceId: owner.workspaceId } });
    const ownerKey = await seedApiKey({ owner });

    const first = await postChat(server, memberKey.key, call(model)); // hold 9 of the 10
    expect(first.status).toBe(200);
    expect(await settledUsage(first)).toMatchObject({ credits: 6, user_id: member.userId, workspace_id: owner.workspaceId });
    await expectNoRoom(await postChat(server, memberKey.key, call(model)), /monthly/i); // 6 used + 9 > 10
    expect((await postChat(server, ownerKey.key, call(model))).status).toBe(200);
    const { rows } = await getPool().query(`SELECT month_used, month_held FROM memberships WHERE id = $1`, [member.membershipId]);
    expect(rows[0]).toEqual({ month_used: 6, month_held: 0 });
  });

  it("the monthly limit counts the calendar month (UTC): last month's spending does not count", async () => {
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId);
    await getPool().query(
      `UPDATE memberships SET monthly_limit = 10, month_used = 10, month_held = 0,
              month = (date_trunc('month', timezone('UTC', now())) - interval '1 month')::date
        WHERE id = $1`,
      [member.membershipId],
    );
    const memberKey = await seedApiKey({ owner: { userId: member.userId, workspaceId: owner.workspaceId } });
    const response = await postChat(server, memberKey.key, call(model));
    expect(response.status, await response.text()).toBe(200);
    await settledUsage(response);
    const { rows } = await getPool().query(
      `SELECT month_used, month_held, month = date_trunc('month', timezone('UTC', now()))::date AS current FROM memberships WHERE id = $1`,
      [member.membershipId],
    );
    expect(rows[0]).toEqual({ month_used: 6, month_held: 0, current: true });
  });
});

describe("holds and settlement", () => {
  it("hold = n × (per_request + per_image) + prompt estimate (text, images at a fixed count, never base64 bytes) + ceiling", async () => {
    const key = await seedApiKey();
    const text = "x".repeat(400); // 100 tokens at 4 characters a token
    const bigImage = `data:image/png;base64,${makeNoisePng(512 * 1024).toString("base64")}`;
    const holds = [];
    for (const image of [INPUT_IMAGE_DATA_URL, bigImage]) {
      const response = await postChat(server, key.key, { model: promptPriced, n: 2, messages: [userMessage(text, image)] });
      expect(response.status).toBe(200);
      const record = await settledUsage(response);
      holds.push(record.hold_amount);
      // Charged from the upstream's usage: 1 + 2·1 image + ceil(31·100/1000) + ceil(1302·1/1000).
      expect(record).toMatchObject({ ...USAGE, images: 1, credits: 1 + 2 + 4 + 2 });
    }
    // 2 × (1 + 2) + ceil((100 + 85) × 100 / 1000) + ceil(4096 × 1 / 1000)
    expect(holds).toEqual([6 + 19 + 5, 6 + 19 + 5]);
  });

  it("settlement uses the prices the hold was admitted at, even if they change meanwhile", async () => {
    const owned = await seedModel({ label: "snapshot" });
    const key = await seedApiKey();
    const pending = postChat(server, key.key, call(owned, { fake_scenario: "slow delay=1500" }));
    await fake.waitFor((requests) => requests.some((r) => (r.body as { model?: string } | undefined)?.model === owned));
    await setModel({ id: owned, perRequest: 500, perImage: 100 });
    const response = await pending;
    expect(response.status).toBe(200);
    const record = await settledUsage(response);
    expect(record).toMatchObject({ hold_amount: 9, credits: 6 }); // the old prices, not 500 + 100
    const { rows } = await getPool().query(`SELECT prices FROM holds WHERE usage_record_id = $1`, [record.id]);
    expect(rows[0].prices).toEqual({ perRequest: 1, perImage: 2, per1kPrompt: 1, per1kCompletion: 1, tokenCeiling: 4096 });
  });

  it("usage beyond the hold is charged too and flagged overage; the balance may go below zero and then admits nothing", async () => {
    const key = await seedApiKey();
    const response = await postChat(server, key.key, call(uncapped));
    expect(response.status).toBe(200);
    const record = await settledUsage(response);
    expect(record).toMatchObject({ hold_amount: 1, credits: 1 + 1302, overage: true, status: "succeeded", ...USAGE });
    expect(await booksOf(key.workspaceId)).toEqual({ balance: 1000 - 1303, held: 0 });
    await expectNoRoom(await postChat(server, key.key, call(model)), /credits/);
  });

  it("usage the upstream did not send is estimated (status succeeded, usage_source estimated)", async () => {
    const key = await seedApiKey();
    for (const stream of [false, true]) {
      const response = await postChat(server, key.key, call(model, { stream, fake_scenario: "no-usage" }));
      expect(response.status).toBe(200);
      await response.text();
      const record = await settledUsage(response);
      expect(record).toMatchObject({ status: "succeeded", usage_source: "estimated", images: 1 });
      expect(record.prompt_tokens).toBeGreaterThan(0);
      expect(record.completion_tokens).toBeGreaterThan(0);
      expect(record.total_tokens).toBe(record.prompt_tokens! + record.completion_tokens!);
    }
  });
});

describe("the sweeper", () => {
  it("releases a hold whose heartbeat stopped longer than HOLD_EXPIRY_MS ago; its record becomes failed; the books balance", async () => {
    const owner = await seedUser();
    const key = await seedApiKey({ owner });
    // A hold as a process leaves it when it dies right after admission.
    const admission = await admit({
      workspaceId: owner.workspaceId,
      membershipId: key.membershipId,
      userId: owner.userId,
      apiKeyId: key.id,
      amount: 7,
      prices: { perRequest: 7, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 },
      requestId: `req_crashed_${randomUUID()}`,
      source: "api",
      model,
    });
    if (!admission.ok) throw new Error(`not admitted: ${admission.refusal}`);
    expect(await booksOf(owner.workspaceId)).toEqual({ balance: 1000, held: 7 });

    await sweepExpiredHolds(env.HOLD_EXPIRY_MS, { minDatabaseUptimeMs: 0 });
    expect((await getPool().query(`SELECT status::text AS status FROM holds WHERE id = $1`, [admission.holdId])).rows[0]).toEqual({ status: "open" });

    await getPool().query(`UPDATE holds SET heartbeat_at = now() - make_interval(secs => $2::double precision / 1000 + 60) WHERE id = $1`, [
      admission.holdId,
      env.HOLD_EXPIRY_MS,
    ]);
    expect(await sweepExpiredHolds(env.HOLD_EXPIRY_MS, { minDatabaseUptimeMs: 0 })).toBeGreaterThanOrEqual(1);
    const { rows } = await getPool().query(
      `SELECT h.status::text AS hold, u.status::text AS usage, u.credits FROM holds h JOIN usage_records u ON u.id = h.usage_record_id WHERE h.id = $1`,
      [admission.holdId],
    );
    expect(rows[0]).toEqual({ hold: "expired", usage: "failed", credits: 0 });
    expect(await booksOf(owner.workspaceId)).toEqual({ balance: 1000, held: 0 });
    expect(await sweepExpiredHolds(env.HOLD_EXPIRY_MS, { minDatabaseUptimeMs: 0 })).toBe(0); // nothing is released twice (ledger:check: afterAll)
  });
});
