// Log lines stay lines a person can read: an error that carries its `pg` client (pg-pool attaches it to the error
// of an idle connection that broke, and pg-boss re-emits that as "job queue error") is logged as its message, code
// and a little context, not as kilobytes of client state with the connection parameters.
import { Writable } from "node:stream";
import pg from "pg";
import pino from "pino";
import { afterAll, expect, it } from "vitest";
import { LOGGER_OPTIONS } from "@/lib/log/logger";

const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end().catch(() => {})));
});

/** The lines a logger with the app's options writes. */
function captureLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: pino({ ...LOGGER_OPTIONS, level: "info" }, sink), lines };
}

/** A real error of a real idle pool connection that the server terminated: it carries `err.client`. */
async function idleConnectionError(): Promise<Error & { client?: unknown; code?: string }> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  pools.push(pool);
  const errored = new Promise<Error & { client?: unknown; code?: string }>((resolve) => pool.once("error", resolve));
  const client = await pool.connect();
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  client.release();
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
  await admin.end();
  return errored;
}

it("an error carrying its pg client logs as one short line: message, code, context; no connection parameters", async () => {
  const err = await idleConnectionError();
  expect(err.client).toBeDefined(); // the case that used to serialize the whole client
  const { logger, lines } = captureLogger();
  logger.warn({ err }, "job queue error");
  logger.flush();
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  expect(line.length, line.slice(0, 300)).toBeLessThan(1_000);
  const entry = JSON.parse(line) as { msg: string; err: Record<string, unknown> };
  expect(entry.msg).toBe("job queue error");
  expect(entry.err).toMatchObject({ message: err.message, code: "57P01" });
  expect(line).not.toMatch(/connectionParameters|password|_events|connectionString/);
  const password = new URL(process.env.DATABASE_URL!).password;
  if (password) expect(line).not.toContain(password);
});

it("a cause is logged the same way, and a non-error value as a short string", () => {
  const { logger, lines } = captureLogger();
  const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", syscall: "connect", port: 1, client: { secret: "x".repeat(10_000) } });
  logger.error({ err: new Error("settle failed", { cause }) }, "settlement waiting for the database");
  logger.error({ err: "x".repeat(5_000) }, "odd");
  expect(lines).toHaveLength(2);
  const first = JSON.parse(lines[0]!) as { err: { message: string; cause: Record<string, unknown> } };
  expect(first.err.message).toBe("settle failed");
  expect(first.err.cause).toMatchObject({ message: "connect ECONNREFUSED 127.0.0.1:1", code: "ECONNREFUSED", syscall: "connect", port: 1 });
  expect(lines[0]!.length).toBeLessThan(1_000);
  expect(lines[1]!.length).toBeLessThan(1_000);
});
