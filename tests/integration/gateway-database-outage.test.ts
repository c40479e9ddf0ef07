// PostgreSQL SIGKILLed while calls are at the provider, then started again: every call delivered with 200 is
// charged exactly once when the database is back (settlement keeps the outcome, in a journal under DATA_DIR, and
// retries; the sweeper does not take the waiting holds for abandoned), also when the app process itself is killed
// in between and a new one replays the journal. On a PostgreSQL server of its own, since it is killed; a durable one
// (fsync and synchronous commit on, as in production), so the crash loses no committed admission.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { deployMigrations } from "@/lib/db/migrate";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import { expectLedgerClean, expectOpenAiError, fakeRequestsWith, postChat, readChunks, startGateway, userMessage } from "../support/gateway";
import { runCli } from "../support/run-cli";

// Short, so a sweeper that took waiting holds for abandoned would do it within the test (the previous code's did),
// yet long enough for a heavily loaded machine to beat and settle in.
const HOLD_EXPIRY_MS = "20000";

let dataDir: string;
let postgres: EmbeddedPostgres;
let fake: FakeUpstream;
let key: string;
const servers: AppServer[] = [];
const appDirs: string[] = [];

async function cli(args: string[]) {
  const result = await runCli([...args, "--json"], { DATABASE_URL: postgres.url, NODE_ENV: "test" });
  expect(result.code, result.stderr).toBe(0);
  return result.json as Record<string, string>;
}

/** Process ids of a process group that are still running (not zombies). */
function liveMembersOf(group: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === group && fields[0] !== "Z" && fields[0] !== "X") pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** kill -9 on the postmaster and every backend (its own process group), as an OOM killer or a crash would. */
async function killPostgres(): Promise<void> {
  const group = postgres.pid;
  process.kill(-group, "SIGKILL");
  await vi.waitFor(() => expect(liveMembersOf(group)).toEqual([]), { timeout: 15_000, interval: 50 });
}

async function restartPostgres(): Promise<void> {
  const port = postgres.port;
  postgres = await startEmbeddedPostgres({ dataDir, persistent: true });
  expect(postgres.port).toBe(port); // the app's DATABASE_URL still names it
}

async function startApp(appDir: string): Promise<AppServer> {
  const server = await startGateway(fake, { databaseUrl: postgres.url, env: { HOLD_EXPIRY_MS, DATA_DIR: appDir } });
  servers.push(server);
  return server;
}

function newAppDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-outage-app-"));
  appDirs.push(dir);
  return dir;
}

type LogLine = { msg?: string; requestId?: string; level?: number };

/** The server's log lines about settlement (pino JSON on stderr). */
function settlementLines(server: AppServer): LogLine[] {
  return server
    .logs()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => /settl/i.test(line.msg ?? ""));
}

/** `count` calls (half stream) that reach the fake and stay there for a while; resolves once all have arrived. */
async function callsAtTheProvider(server: AppServer, count: number) {
  const tag = `outage-${randomUUID()}`;
  const calls = Array.from({ length: count }, async (_, i) => {
    const stream = i % 2 === 0;
    const response = await postChat(server, key, { model: "gpt-image-1", stream, messages: [userMessage(`${tag} ${i}`)], fake_scenario: "slow delay=1500" });
    return { status: response.status, requestId: response.headers.get("x-request-id")!, text: await response.text(), stream };
  });
  await vi.waitFor(() => expect(fakeRequestsWith(fake, tag)).toHaveLength(count), { timeout: 20_000, interval: 25 });
  return calls;
}

async function withPool<T>(run: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
  pool.on("error", () => {});
  try {
    return await run(pool);
  } finally {
    await pool.end();
  }
}

/** Every request settled as succeeded with a charge, one charge ledger entry each, and no hold left open. */
async function expectChargedOnce(requestIds: string[]): Promise<void> {
  await vi.waitFor(
    () =>
      withPool(async (pool) => {
        const { rows } = await pool.query<{ request_id: string; status: string; hold_status: string; credits: number; charges: number; charged: number }>(
          `SELECT u.request_id, u.status::text AS status, h.status::text AS hold_status, u.credits,
                  (SELECT count(*)::int FROM ledger_entries l WHERE l.op_id = 'charge:' || h.id) AS charges,
                  (SELECT coalesce(sum(l.amount), 0)::int FROM ledger_entries l WHERE l.op_id = 'charge:' || h.id) AS charged
             FROM usage_records u JOIN holds h ON h.usage_record_id = u.id
            WHERE u.request_id = ANY($1) ORDER BY u.request_id`,
          [requestIds],
        );
        expect(rows.map((r) => r.request_id)).toEqual([...requestIds].sort());
        for (const row of rows) {
          expect(row, row.request_id).toMatchObject({ status: "succeeded", hold_status: "settled", charges: 1 });
          expect(row.credits, row.request_id).toBeGreaterThan(0);
          expect(row.charged, row.request_id).toBe(row.credits);
        }
        const open = await pool.query(`SELECT id FROM holds WHERE status = 'open'`);
        expect(open.rows).toEqual([]);
        const held = await pool.query(`SELECT id, held FROM workspaces WHERE held <> 0`);
        expect(held.rows).toEqual([]);
      }),
    { timeout: 40_000, interval: 250 },
  );
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-outage-db-"));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as another user when we are root
  postgres = await startEmbeddedPostgres({ dataDir, persistent: true });
  await deployMigrations(postgres.url);
  fake = await startFakeUpstream();
  const email = `outage-${randomUUID().slice(0, 8)}@example.test`;
  const user = await cli(["user:create", "--email", email, "--password", "correct horse battery"]);
  key = (await cli(["key:create", "--workspace", user.workspace!, "--email", email])).key!;
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop("SIGKILL")));
  await fake?.close();
  if (postgres) {
    try {
      process.kill(-postgres.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  for (const dir of [dataDir, ...appDirs]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("settlement through a database outage", () => {
  it("every call delivered with 200 while PostgreSQL was down is charged exactly once when it is back", { timeout: 120_000 }, async () => {
    const server = await startApp(newAppDir());
    const calls = await callsAtTheProvider(server, 12);
    await killPostgres();
    const results = await Promise.all(calls);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    for (const r of results.filter((r) => r.stream)) expect(readChunks(r.text).done, r.text).toBe(true);

    // Admission while it is down: 503, nothing sent upstream.
    const before = fake.requests.length;
    await expectOpenAiError(await postChat(server, key, { model: "gpt-image-1", messages: [userMessage("during")] }), 503, {
      type: "service_unavailable",
      code: "service_unavailable",
    });
    expect(fake.requests.length).toBe(before);

    // Each settlement has tried and failed at least once (the old code had given up by then).
    await vi.waitFor(() => expect(settlementLines(server).length).toBeGreaterThanOrEqual(results.length), { timeout: 20_000, interval: 100 });
    await restartPostgres();

    const ids = results.map((r) => r.requestId);
    await expectChargedOnce(ids).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${server.logs().slice(-6000)}`);
    });
    await expectLedgerClean(postgres.url);
    // Every settlement log line names its request, and each call has one.
    const lines = settlementLines(server);
    for (const line of lines) expect(line.requestId, JSON.stringify(line)).toMatch(/^req_/);
    for (const id of ids) expect(lines.some((line) => line.requestId === id), id).toBe(true);
  });

  it("an app process killed between delivery and settlement: the next one charges each call exactly once", { timeout: 180_000 }, async () => {
    const appDir = newAppDir(); // DATA_DIR shared by the killed process and its successors
    const first = await startApp(appDir);
    const calls = await callsAtTheProvider(first, 6);
    await killPostgres();
    const results = await Promise.all(calls);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    await vi.waitFor(() => expect(settlementLines(first).length).toBeGreaterThanOrEqual(results.length), { timeout: 20_000, interval: 100 });
    await first.stop("SIGKILL");
    await restartPostgres();

    const second = await startApp(appDir);
    const ids = results.map((r) => r.requestId);
    await expectChargedOnce(ids).catch((error: unknown) => {
      throw new Error(`${String(error)}\nSECOND:\n${second.logs().slice(-5000)}\nFIRST:\n${first.logs().slice(-3000)}`);
    });
    await second.stop("SIGTERM");
    // A further start finds nothing left to apply, and nothing is applied twice.
    const third = await startApp(appDir);
    const ok = await postChat(third, key, { model: "gpt-image-1", messages: [userMessage("after the restarts")] });
    expect(ok.status).toBe(200);
    await expectChargedOnce(ids);
    await expectLedgerClean(postgres.url);
  });
});
