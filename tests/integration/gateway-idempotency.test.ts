// Idempotency-Key: a finished success is replayed (same bytes, `idempotent-replayed: true`, charged once), a
// different body is 422, a running request or any repeat of a stream is 409, and a failure frees the key.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import { seedApiKey } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import { booksOf, expectLedgerClean, expectOpenAiError, fakeRequestsWith, postChat, readChunks, settledUsage, startGateway, userMessage } from "../support/gateway";

let fake: FakeUpstream;
let server: AppServer;
let model: string;

beforeAll(async () => {
  fake = await startFakeUpstream();
  model = await seedModel({ label: "idempotency" });
  server = await startGateway(fake);
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
  await expectLedgerClean();
  await closeDb();
});

/** A raw JSON body with its own tag (the fake's records are found by it). */
function rawBody(scenario: string, extra: Record<string, unknown> = {}) {
  const tag = randomUUID();
  return { tag, raw: JSON.stringify({ model, messages: [userMessage(`paint ${tag}`)], fake_scenario: scenario, ...extra }) };
}

const sentUpstream = (tag: string) => fakeRequestsWith(fake, tag).length;

async function usageCount(apiKeyId: string): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM usage_records WHERE api_key_id = $1`, [apiKeyId]);
  return rows[0]!.n;
}

describe.concurrent("Idempotency-Key", () => {
  it("a repeated success is replayed byte for byte, marked, never sent upstream again, charged once", async () => {
    const key = await seedApiKey();
    const { tag, raw } = rawBody("images-array");
    const headers = { "idempotency-key": `order-${tag}` };
    const first = await postChat(server, key.key, raw, { headers });
    const firstBytes = await first.text();
    expect(first.status, firstBytes).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const record = await settledUsage(first);

    for (let i = 0; i < 2; i++) {
      const replay = await postChat(server, key.key, raw, { headers });
      expect(replay.status).toBe(200);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(replay.headers.get("content-type")).toMatch(/^application\/json/);
      expect(replay.headers.get("access-control-allow-origin")).toBe("*");
      expect(replay.headers.get("x-ratelimit-limit-requests")).toBe("100000");
      expect(replay.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
      expect(await replay.text()).toBe(firstBytes);
    }
    expect(sentUpstream(tag)).toBe(1);
    expect(await usageCount(key.id)).toBe(1);
    expect(await booksOf(key.workspaceId)).toEqual({ balance: 1000 - record.credits, held: 0 });
  });

  it("the same key with a different body (byte for byte) is 422, even for equal JSON", async () => {
    const key = await seedApiKey();
    const { tag, raw } = rawBody("markdown-url");
    const headers = { "idempotency-key": tag };
    const first = await postChat(server, key.key, raw, { headers });
    expect(first.status).toBe(200);
    await settledUsage(first);
    for (const other of [raw.replace("paint", "draw"), `${raw} `, JSON.stringify(JSON.parse(raw), null, 1)]) {
      await expectOpenAiError(await postChat(server, key.key, other, { headers }), 422, {
        type: "invalid_request_error",
        code: "idempotency_key_reused",
      });
    }
    expect(sentUpstream(tag)).toBe(1);
    expect(await usageCount(key.id)).toBe(1);
  });

  it("while the first is still running: 409; once it succeeded: replayed", async () => {
    const key = await seedApiKey();
    const { tag, raw } = rawBody("slow delay=1500");
    const headers = { "idempotency-key": tag };
    const first = postChat(server, key.key, raw, { headers });
    await fake.waitFor(() => sentUpstream(tag) === 1);
    await expectOpenAiError(await postChat(server, key.key, raw, { headers }), 409, {
      type: "invalid_request_error",
      code: "idempotency_conflict",
    });
    const done = await first;
    const bytes = await done.text();
    expect(done.status).toBe(200);
    const replay = await postChat(server, key.key, raw, { headers });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.text()).toBe(bytes);
    expect(sentUpstream(tag)).toBe(1);
    expect(await usageCount(key.id)).toBe(1);
  });

  it("a stream is never replayed: a repeat is 409, while it runs and after it finished", async () => {
    const key = await seedApiKey();
    const { tag, raw } = rawBody("markdown-url interval=300", { stream: true });
    const headers = { "idempotency-key": tag };
    const first = await postChat(server, key.key, raw, { headers });
    expect(first.status).toBe(200);
    await expectOpenAiError(await postChat(server, key.key, raw, { headers }), 409, { type: "invalid_request_error", code: "idempotency_conflict" });
    expect(readChunks(await first.text()).done).toBe(true);
    await settledUsage(first);
    await expectOpenAiError(await postChat(server, key.key, raw, { headers }), 409, { type: "invalid_request_error", code: "idempotency_conflict" });
    expect(sentUpstream(tag)).toBe(1);
    expect(await usageCount(key.id)).toBe(1);
  });

  it("a failed first attempt frees the key: the retry runs (and is then replayed); only the success is charged", async () => {
    const key = await seedApiKey();
    const { tag, raw } = rawBody(`fail-then-ok fail=1 status=500 key=${randomUUID()}`);
    const headers = { "idempotency-key": tag };
    await expectOpenAiError(await postChat(server, key.key, raw, { headers }), 502, { type: "upstream_error", code: "upstream_error" });
    const retry = await postChat(server, key.key, raw, { headers });
    const bytes = await retry.text();
    expect(retry.status, bytes).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    const record = await settledUsage(retry);
    const replay = await postChat(server, key.key, raw, { headers });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.text()).toBe(bytes);
    expect(sentUpstream(tag)).toBe(2);
    const { rows } = await getPool().query(`SELECT status::text AS status, credits FROM usage_records WHERE api_key_id = $1 ORDER BY created_at`, [key.id]);
    expect(rows).toEqual([{ status: "failed", credits: 0 }, { status: "succeeded", credits: record.credits }]);
    expect(await booksOf(key.workspaceId)).toEqual({ balance: 1000 - record.credits, held: 0 });
  });

  it("after 24 hours a key is new again: the request runs (and is charged) once more", async () => {
    const key = await seedApiKey();
    const { tag, raw } = rawBody("text");
    const headers = { "idempotency-key": tag };
    const first = await postChat(server, key.key, raw, { headers });
    expect(first.status).toBe(200);
    await settledUsage(first);
    await getPool().query(`UPDATE idempotency_keys SET created_at = now() - interval '24 hours 1 minute' WHERE api_key_id = $1`, [key.id]);
    const again = await postChat(server, key.key, raw, { headers });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    await settledUsage(again);
    expect(sentUpstream(tag)).toBe(2);
    expect(await usageCount(key.id)).toBe(2);
  });

  it("keys are per API key: another key's identical request runs on its own", async () => {
    const [one, two] = await Promise.all([seedApiKey(), seedApiKey()]);
    const { tag, raw } = rawBody("text");
    const headers = { "idempotency-key": "shared-key-name" };
    const [a, b] = await Promise.all([postChat(server, one.key, raw, { headers }), postChat(server, two.key, raw, { headers })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.headers.get("idempotent-replayed"), b.headers.get("idempotent-replayed")]).toEqual([null, null]);
    await Promise.all([a.text(), b.text()]);
    expect(sentUpstream(tag)).toBe(2);
  });
});
