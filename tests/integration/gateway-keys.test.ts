// API keys across two app instances: revoked, expired and disabled-owner keys answer 401 on the very next request
// to either instance (both with warm key caches); the model allow-list is 403 and shapes GET /v1/models.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import { revokeApiKey } from "@/lib/gateway/keys/revoke-api-key";
import { seedApiKey } from "../factories/api-keys";
import { SEED_CATALOG, seedModel } from "../factories/models";
import { seedUser } from "../factories/users";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import { startAppServer, type AppServer } from "../support/app-server";
import { expectLedgerClean, expectOpenAiError, postChat, startGateway, usageRecordsOf, userMessage } from "../support/gateway";
import { runCli } from "../support/run-cli";

const cliEnv = () => ({ DATABASE_URL: process.env.DATABASE_URL!, NODE_ENV: "test" });

let fake: FakeUpstream;
let instances: AppServer[];
/** An instance without UPSTREAM_BASE_URL: only the offline model is usable. */
let offline: AppServer;
let model: string;
let disabledModel: string;

beforeAll(async () => {
  fake = await startFakeUpstream();
  [model, disabledModel] = await Promise.all([seedModel({ label: "keys" }), seedModel({ label: "keys-off", enabled: false })]);
  [instances, offline] = await Promise.all([
    Promise.all([startGateway(fake), startGateway(fake)]),
    startAppServer({ databaseUrl: process.env.DATABASE_URL!, env: { UPSTREAM_BASE_URL: "", RATE_LIMIT_RPM: "100000" } }),
  ]);
});

afterAll(async () => {
  await Promise.all([...(instances ?? []), offline].map((s) => s?.stop()));
  await fake?.close();
  await expectLedgerClean();
  await closeDb();
});

const chat = (server: AppServer, key: string) => postChat(server, key, { model, messages: [userMessage("hello")] });
const listModels = (server: AppServer, key: string) => fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });

/** Both instances accept the key (and so have it in their key caches). */
async function warmBoth(key: string) {
  for (const server of instances) {
    const response = await chat(server, key);
    expect(response.status, await response.text()).toBe(200);
    expect((await listModels(server, key)).status).toBe(200);
  }
}

/** The next request to each instance, for a completion and for the model list, is 401 and reaches nothing. */
async function expectDeadEverywhere(key: string) {
  const before = fake.requests.length;
  for (const server of instances) {
    const response = await chat(server, key);
    await expectOpenAiError(response, 401, { type: "invalid_request_error", code: "invalid_api_key" });
    expect(await usageRecordsOf(response.headers.get("x-request-id")!)).toEqual([]);
    await expectOpenAiError(await listModels(server, key), 401, { type: "invalid_request_error", code: "invalid_api_key" });
  }
  expect(fake.requests.length).toBe(before);
}

describe("keys that end", () => {
  it("revoked by the CLI (another process): 401 on the next request to either instance", async () => {
    const key = await seedApiKey();
    await warmBoth(key.key);
    const revoked = await runCli(["key:revoke", "--id", key.id, "--json"], cliEnv());
    expect(revoked.json, revoked.stderr).toEqual({ ok: true });
    await expectDeadEverywhere(key.key);
  });

  it("revoked from this process, the request sent the moment the revocation commits: 401 on both instances", async () => {
    // No time for the NOTIFY to arrive first: completions hold because admission re-checks the key in the same
    // statement; the model list because it reads the key fresh. Several rounds, since the window is milliseconds.
    for (let round = 0; round < 4; round++) {
      const key = await seedApiKey();
      await warmBoth(key.key);
      expect(await revokeApiKey({ id: key.id })).toEqual({ revoked: true });
      await expectDeadEverywhere(key.key);
    }
  });

  it("expired: 401 on the first request after the expiry, on either instance", async () => {
    const expiresAt = new Date(Date.now() + 2_500);
    const key = await seedApiKey({ expiresAt });
    await warmBoth(key.key);
    // The condition is the clock passing the key's expiry; nothing about the key changes in the database.
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(expiresAt.getTime()), { timeout: 10_000, interval: 50 });
    await expectDeadEverywhere(key.key);
  });

  it("its owner disabled: 401 on the next request to either instance", async () => {
    const owner = await seedUser();
    const key = await seedApiKey({ owner });
    await warmBoth(key.key);
    const disabled = await runCli(["user:disable", "--email", owner.email, "--json"], cliEnv());
    expect(disabled.json, disabled.stderr).toEqual({ ok: true });
    await expectDeadEverywhere(key.key);
  });
});

describe("per-key rate limit, shared by the instances", () => {
  it("rpm 3: three calls spread over both instances pass with x-ratelimit-*, the fourth is 429 with Retry-After", async () => {
    const key = await seedApiKey({ rpm: 3 });
    const calls = [
      () => chat(instances[0]!, key.key),
      () => postChat(instances[1]!, key.key, { model, stream: true, messages: [userMessage("s")] }),
      () => chat(instances[0]!, key.key),
    ];
    for (const [i, send] of calls.entries()) {
      const response = await send();
      expect(response.status, await response.text()).toBe(200);
      expect(response.headers.get("x-ratelimit-limit-requests")).toBe("3");
      expect(response.headers.get("x-ratelimit-remaining-requests")).toBe(String(2 - i));
      expect(response.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+s$/);
    }
    const before = fake.requests.length;
    for (const server of [instances[1]!, instances[0]!]) {
      const limited = await chat(server, key.key);
      await expectOpenAiError(limited, 429, { type: "rate_limit_error", code: "rate_limit_exceeded", param: null });
      const retryAfter = Number(limited.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      expect(limited.headers.get("x-ratelimit-limit-requests")).toBe("3");
      expect(limited.headers.get("x-ratelimit-remaining-requests")).toBe("0");
      expect(limited.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+s$/);
      expect(await usageRecordsOf(limited.headers.get("x-request-id")!)).toEqual([]);
    }
    expect(fake.requests.length).toBe(before);
    // Another key of the same workspace has its own budget.
    const other = await seedApiKey({ owner: { userId: key.userId, workspaceId: key.workspaceId }, rpm: 3 });
    expect((await chat(instances[1]!, other.key)).status).toBe(200);
  });
});

describe("what a key may use", () => {
  type ModelList = { object: string; data: { id: string; object: string; created: number; owned_by: string }[] };

  it("an allow-listed key: other models are 403 model_not_allowed; GET /v1/models lists only its enabled ones", async () => {
    const key = await seedApiKey({ models: [model, "darkroom-local", disabledModel] });
    for (const server of instances) {
      const response = await postChat(server, key.key, { model: "gpt-image-1", messages: [userMessage("x")] });
      await expectOpenAiError(response, 403, { type: "permission_error", code: "model_not_allowed", param: "model" });
      expect(await usageRecordsOf(response.headers.get("x-request-id")!)).toEqual([]);
      const list = await listModels(server, key.key);
      expect(list.headers.get("access-control-allow-origin")).toBe("*");
      expect(list.headers.get("x-ratelimit-limit-requests")).toBe("100000");
      const body = (await list.json()) as ModelList;
      expect(body.object).toBe("list");
      expect(body.data.map((m) => m.id).sort()).toEqual([model, "darkroom-local"].sort());
      for (const entry of body.data) {
        expect(entry).toEqual({ id: entry.id, object: "model", created: expect.any(Number), owned_by: expect.any(String) });
        expect(Number.isInteger(entry.created)).toBe(true);
      }
      expect((await chat(server, key.key)).status).toBe(200);
    }
  });

  it("an unrestricted key lists every enabled model, never a disabled one", async () => {
    const key = await seedApiKey();
    const body = (await (await listModels(instances[0]!, key.key)).json()) as ModelList;
    const ids = body.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([...SEED_CATALOG, model]));
    expect(ids).not.toContain(disabledModel);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("without UPSTREAM_BASE_URL only the offline model is usable; upstream models are 404", async () => {
    const key = await seedApiKey();
    const body = (await (await listModels(offline, key.key)).json()) as ModelList;
    const { rows } = await getPool().query<{ id: string }>(`SELECT id FROM models WHERE enabled AND provider = 'local'`);
    expect(body.data.map((m) => m.id).sort()).toEqual(rows.map((r) => r.id).sort());
    const response = await postChat(offline, key.key, { model: "gpt-image-1", messages: [userMessage("x")] });
    await expectOpenAiError(response, 404, { type: "invalid_request_error", code: "model_not_found", param: "model" });
  });

  it("GET /v1/models without a working key is 401", async () => {
    await expectOpenAiError(await fetch(`${instances[0]!.url}/v1/models`), 401, { type: "invalid_request_error", code: "invalid_api_key" });
  });
});
