// On a database of its own (its sweepers run with a short HOLD_EXPIRY_MS, which must not touch other files'
// holds, and it is made unreachable at the end): a live request's hold is kept alive, a crashed process's hold
// is released by another instance's sweeper, and with the database gone /v1 answers 503 without calling upstream.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createFreshDatabase, type FreshDatabase } from "../setup/test-database";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import { expectLedgerClean, expectOpenAiError, postChat, startGateway, userMessage } from "../support/gateway";
import { runCli } from "../support/run-cli";

const HOLD_EXPIRY_MS = 2_000; // heartbeats every 1 s, sweeps every 1 s

let database: FreshDatabase;
let pool: pg.Pool;
let fake: FakeUpstream;
let servers: AppServer[];
let key: string;

async function cli(args: string[]) {
  const result = await runCli([...args, "--json"], { DATABASE_URL: database.url, NODE_ENV: "test" });
  expect(result.code, result.stderr).toBe(0);
  return result.json as Record<string, string>;
}

beforeAll(async () => {
  database = await createFreshDatabase(inject("databaseServerUrl"), "darkroom_gateway");
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on("error", () => {});
  fake = await startFakeUpstream();
  const email = `isolated-${randomUUID().slice(0, 8)}@example.test`;
  const [user] = await Promise.all([
    cli(["user:create", "--email", email, "--password", "correct horse battery"]),
    (async () => {
      servers = await Promise.all([0, 1].map(() => startGateway(fake, { databaseUrl: database.url, env: { HOLD_EXPIRY_MS: String(HOLD_EXPIRY_MS) } })));
    })(),
  ]);
  key = (await cli(["key:create", "--workspace", user!.workspace!, "--email", email])).key!;
});

afterAll(async () => {
  await Promise.all((servers ?? []).map((s) => s.stop("SIGKILL")));
  await fake?.close();
  await pool?.end();
  await database?.drop();
});

const holdOf = async (requestId: string) =>
  (
    await pool.query<{ status: string; created_at: Date; heartbeat_at: Date; usage: string; credits: number }>(
      `SELECT h.status::text AS status, h.created_at, h.heartbeat_at, u.status::text AS usage, u.credits
         FROM holds h JOIN usage_records u ON u.id = h.usage_record_id WHERE u.request_id = $1`,
      [requestId],
    )
  ).rows[0];

describe("holds of running and of dead requests", () => {
  it("a request that is still running keeps its hold alive well past HOLD_EXPIRY_MS", async () => {
    const controller = new AbortController();
    const response = await postChat(servers[0]!, key, { model: "gpt-image-1", stream: true, messages: [userMessage("slow one")], fake_scenario: "stall after=2" }, { signal: controller.signal });
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id")!;
    // Both instances sweep every second; the heartbeat must keep winning for more than twice the expiry.
    await vi.waitFor(
      async () => {
        const hold = (await holdOf(requestId))!;
        expect(hold).toMatchObject({ status: "open", usage: "pending" });
        expect(hold.heartbeat_at.getTime() - hold.created_at.getTime()).toBeGreaterThan(2 * HOLD_EXPIRY_MS);
      },
      { timeout: 15_000, interval: 200 },
    );
    controller.abort();
    await vi.waitFor(async () => expect((await holdOf(requestId))!.usage).toBe("partial"), { timeout: 10_000 });
  });

  it("an instance killed mid-request leaves its hold to the other instance's sweeper: released, the record failed", async () => {
    const response = await postChat(servers[0]!, key, { model: "gpt-image-1", stream: true, messages: [userMessage("doomed")], fake_scenario: "stall after=2" });
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id")!;
    expect((await holdOf(requestId))!.status).toBe("open");
    await servers[0]!.stop("SIGKILL");
    await response.text().catch(() => "");
    await vi.waitFor(async () => expect(await holdOf(requestId)).toMatchObject({ status: "expired", usage: "failed", credits: 0 }), {
      timeout: 15_000,
      interval: 200,
    });
    const { rows } = await pool.query(`SELECT held FROM workspaces WHERE held <> 0`);
    expect(rows).toEqual([]);
    await expectLedgerClean(database.url);
  });
});

describe("the database goes away", () => {
  it("/v1 answers 503 service_unavailable, OpenAI-shaped, and sends nothing upstream", async () => {
    const server = servers[1]!;
    const warm = await postChat(server, key, { model: "gpt-image-1", messages: [userMessage("before")] });
    expect(warm.status).toBe(200);
    const admin = new pg.Client({ connectionString: inject("databaseServerUrl") });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database.name]);
      const before = fake.requests.length;
      for (const stream of [false, true]) {
        const response = await postChat(server, key, { model: "gpt-image-1", stream, messages: [userMessage("after")] });
        await expectOpenAiError(response, 503, { type: "service_unavailable", code: "service_unavailable", param: null });
      }
      await expectOpenAiError(await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } }), 503, {
        type: "service_unavailable",
        code: "service_unavailable",
      });
      expect(fake.requests.length).toBe(before);
    } finally {
      await admin.query(`ALTER DATABASE "${database.name}" ALLOW_CONNECTIONS true`).catch(() => {});
      await admin.end();
    }
  });
});
