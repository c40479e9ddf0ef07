// Long generations in flight: a call beyond the process's upstream limit is refused at once and honestly (503,
// Retry-After, nothing charged, nothing sent upstream) instead of waiting unseen for a connection; within the
// limit, calls run side by side, including more than the old fixed pool of 512 connections.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import { seedApiKey } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import { booksOf, expectLedgerClean, expectOpenAiError, fakeRequestsWith, postChat, readChunks, startGateway, usageRecordsOf, userMessage } from "../support/gateway";

const LIMIT = 3;
const PRICE = 5; // per request only: every hold is exactly PRICE
const BEYOND_OLD_POOL = 520; // the upstream agent used to have 512 connections and queue the rest

let fake: FakeUpstream;
let small: AppServer; // UPSTREAM_MAX_CONNECTIONS=LIMIT
let roomy: AppServer; // the default limit
let model: string;
let cheapModel: string; // 1 credit a call: a new workspace's 1,000 credits cover BEYOND_OLD_POOL holds

beforeAll(async () => {
  fake = await startFakeUpstream();
  model = await seedModel({ label: "capacity", perRequest: PRICE, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 });
  cheapModel = await seedModel({ label: "capacity-cheap", perRequest: 1, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 });
  [small, roomy] = await Promise.all([startGateway(fake, { env: { UPSTREAM_MAX_CONNECTIONS: String(LIMIT) } }), startGateway(fake)]);
});

afterAll(async () => {
  await Promise.all([small?.stop(), roomy?.stop()]);
  await fake?.close();
  await closeDb();
});

const pendingOrHeld = async (workspaceId: string) =>
  (await getPool().query<{ n: string }>(`SELECT count(*) AS n FROM usage_records WHERE workspace_id = $1 AND status = 'pending'`, [workspaceId])).rows[0]!.n;

/** Starts calls the fake never answers; returns a function that makes their callers leave. */
function holdCalls(server: AppServer, key: string, tag: string, count: number, model: string) {
  const controller = new AbortController();
  const settled = Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      postChat(server, key, { model, stream: i % 2 === 1, messages: [userMessage(`held ${i} ${tag}`)], fake_scenario: "hang" }, { signal: controller.signal }).then((r) => r.text()),
    ),
  );
  return async () => {
    controller.abort();
    await settled;
  };
}

describe("upstream capacity", () => {
  it(`with UPSTREAM_MAX_CONNECTIONS=${LIMIT}: ${LIMIT} calls run at once, the next are refused at once with 503 + Retry-After, nothing charged or sent`, { timeout: 60_000 }, async () => {
    const key = await seedApiKey();
    const tag = randomUUID();
    const leave = holdCalls(small, key.key, tag, LIMIT, model);
    try {
      // All LIMIT calls are at the provider together: none waits behind another.
      await fake.waitFor((requests) => requests.filter((r) => r.rawBody.includes(tag)).length === LIMIT, 20_000);
      expect(await booksOf(key.workspaceId)).toEqual({ balance: 1000, held: LIMIT * PRICE });

      // The slots are taken: one more call of each kind is answered now (the held ones never end by themselves).
      const extraTag = randomUUID();
      for (const stream of [false, true]) {
        const response = await postChat(
          small,
          key.key,
          { model, stream, messages: [userMessage(`extra ${extraTag}`)], fake_scenario: "markdown-url" },
          { signal: AbortSignal.timeout(15_000) },
        );
        const retryAfter = Number(response.headers.get("retry-after"));
        await expectOpenAiError(response, 503, { type: "service_unavailable", code: "service_unavailable", message: /capacity/ });
        expect(Number.isInteger(retryAfter) && retryAfter > 0).toBe(true);
        expect(await usageRecordsOf(response.headers.get("x-request-id")!)).toEqual([]);
      }
      expect(fakeRequestsWith(fake, extraTag)).toHaveLength(0);
      expect(await booksOf(key.workspaceId)).toEqual({ balance: 1000, held: LIMIT * PRICE });
    } finally {
      await leave();
    }

    // Callers that left give their slots back: LIMIT new calls at once all succeed.
    await vi.waitFor(async () => expect(await pendingOrHeld(key.workspaceId)).toBe("0"), { timeout: 15_000, interval: 50 });
    await vi.waitFor(
      async () => {
        const again = await Promise.all(
          Array.from({ length: LIMIT }, (_, i) => postChat(small, key.key, { model, stream: i === 0, messages: [userMessage(`again ${i}`)], fake_scenario: "markdown-url" })),
        );
        const texts = await Promise.all(again.map((r) => r.text()));
        expect(again.map((r) => r.status)).toEqual(Array.from({ length: LIMIT }, () => 200));
        expect(readChunks(texts[0]!).done).toBe(true);
      },
      { timeout: 10_000, interval: 200 },
    );
    await vi.waitFor(async () => expect(await pendingOrHeld(key.workspaceId)).toBe("0"), { timeout: 15_000, interval: 50 });
    expect(await booksOf(key.workspaceId)).toEqual({ balance: 1000 - LIMIT * PRICE, held: 0 });
    await expectLedgerClean();
  });

  it(`with the default limit, ${BEYOND_OLD_POOL} calls are at the provider at once (no pool queue at 512)`, { timeout: 120_000 }, async () => {
    const key = await seedApiKey();
    const tag = randomUUID();
    const leave = holdCalls(roomy, key.key, tag, BEYOND_OLD_POOL, cheapModel);
    try {
      await fake.waitFor((requests) => requests.filter((r) => r.rawBody.includes(tag)).length === BEYOND_OLD_POOL, 60_000).catch((error: unknown) => {
        throw new Error(`${fakeRequestsWith(fake, tag).length} of ${BEYOND_OLD_POOL} calls reached the provider`, { cause: error });
      });
    } finally {
      await leave();
    }
    await vi.waitFor(async () => expect(await booksOf(key.workspaceId)).toEqual({ balance: 1000, held: 0 }), { timeout: 30_000, interval: 100 });
    await expectLedgerClean();
  });
});
