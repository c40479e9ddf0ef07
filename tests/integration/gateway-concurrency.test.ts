// Two app instances (two processes) on one database: 200 simultaneous requests against credits for exactly 20.
// Only the database's conditional update can make this exact: there is no lock the two processes share.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import { seedApiKey } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import { booksOf, expectLedgerClean, fakeRequestsWith, postChat, readChunks, startGateway, userMessage } from "../support/gateway";

const PRICE = 50; // per request, nothing else: every hold and every charge is exactly 50
const CALLS = 200;

let fake: FakeUpstream;
let servers: AppServer[];
let model: string;

beforeAll(async () => {
  fake = await startFakeUpstream();
  model = await seedModel({ label: "concurrency", perRequest: PRICE, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 });
  servers = await Promise.all([startGateway(fake), startGateway(fake)]);
});

afterAll(async () => {
  await Promise.all((servers ?? []).map((s) => s.stop()));
  await fake?.close();
  await closeDb();
});

describe("two instances, one workspace, credits for exactly 20 calls", () => {
  it("200 simultaneous calls split across both: exactly 20 admitted, 180 insufficient_quota, the books exact", { timeout: 60_000 }, async () => {
    const key = await seedApiKey(); // a new workspace with the 1000 welcome credits = 20 × 50
    expect(await booksOf(key.workspaceId)).toEqual({ balance: 20 * PRICE, held: 0 });
    const tag = randomUUID();
    // The upstream takes a moment, so admitted calls still hold their credits while the others are decided.
    const results = await Promise.all(
      Array.from({ length: CALLS }, async (_, i) => {
        const stream = i % 4 === 1;
        const body = { model, stream, messages: [userMessage(`call ${i} ${tag}`)], fake_scenario: "markdown-url delay=200" };
        const response = await postChat(servers[i % 2]!, key.key, body);
        const text = await response.text();
        return { server: i % 2, stream, status: response.status, text, headers: response.headers };
      }),
    );

    const admitted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429);
    expect(admitted.length + refused.length, JSON.stringify(results.filter((r) => r.status !== 200 && r.status !== 429).slice(0, 3))).toBe(CALLS);
    expect(admitted).toHaveLength(20);
    expect(refused).toHaveLength(180);
    for (const r of refused) {
      expect(JSON.parse(r.text)).toEqual({
        error: { message: expect.stringMatching(/credits/), type: "insufficient_quota", param: null, code: "insufficient_quota" },
      });
      expect(r.headers.get("x-should-retry")).toBe("false");
    }
    for (const r of admitted.filter((a) => a.stream)) expect(readChunks(r.text).done).toBe(true);
    // Both instances took part in the race, and refused calls never reached the upstream.
    expect(new Set(refused.map((r) => r.server))).toEqual(new Set([0, 1]));
    expect(fakeRequestsWith(fake, tag)).toHaveLength(20);

    // Settlement follows each response: wait until nothing is pending, then the books must be exact.
    const usage = async () =>
      (
        await getPool().query<{ status: string; credits: number }>(
          `SELECT status::text AS status, credits FROM usage_records WHERE workspace_id = $1`,
          [key.workspaceId],
        )
      ).rows;
    await expect.poll(async () => (await usage()).filter((u) => u.status === "pending").length, { timeout: 15_000 }).toBe(0);
    expect(await usage()).toEqual(Array.from({ length: 20 }, () => ({ status: "succeeded", credits: PRICE })));
    expect(await booksOf(key.workspaceId)).toEqual({ balance: 0, held: 0 });
    await expectLedgerClean();

    // With nothing left, the next call on either instance is refused too.
    for (const server of servers) {
      const response = await postChat(server, key.key, { model, messages: [userMessage("one more")] });
      expect(response.status).toBe(429);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("insufficient_quota");
    }
  });
});
