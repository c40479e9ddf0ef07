import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFreshDatabase, type FreshDatabase } from "../setup/test-database";
import { runCli } from "../support/run-cli";

// Each CLI test file gets its own empty database, so "the first account" really is the first.
let database: FreshDatabase;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  database = await createFreshDatabase(inject("databaseServerUrl"), "darkroom_cli");
  env = { DATABASE_URL: database.url, NODE_ENV: "development", DEFAULT_CREDITS: "1000", ADMIN_EMAILS: "boss@cli.test" };
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function expectOneJsonDocument(stdout: string) {
  const lines = stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

describe("bootstrap CLI", () => {
  it("user:create makes the first account an admin (development) with a personal workspace and credits", async () => {
    const first = await runCli(["user:create", "--email", "first@cli.test", "--password", "password-one", "--name", "First", "--json"], env);
    expect(first.code, first.stderr).toBe(0);
    const created = expectOneJsonDocument(first.stdout);
    expect(created).toEqual({ userId: expect.any(String), workspace: "first" });
    const second = await runCli(["user:create", "--email", "second@cli.test", "--password", "password-two", "--json"], env);
    expect(second.code, second.stderr).toBe(0);
    const rows = await query<{ email: string; role: string; balance: number; slug: string }>(
      `SELECT u.email, u.role, w.balance, w.slug FROM users u JOIN memberships m ON m.user_id = u.id JOIN workspaces w ON w.id = m.workspace_id ORDER BY u.email`,
    );
    expect(rows).toEqual([
      { email: "first@cli.test", role: "admin", balance: 1000, slug: "first" },
      { email: "second@cli.test", role: "user", balance: 1000, slug: (second.json as { workspace: string }).workspace },
    ]);
  });

  it("user:create --admin and ADMIN_EMAILS make admins; a duplicate fails with a one-line reason", async () => {
    const flagged = await runCli(["user:create", "--email", "ops@cli.test", "--password", "password-ops", "--admin", "--json"], env);
    const listed = await runCli(["user:create", "--email", "boss@cli.test", "--password", "password-boss", "--json"], { ...env, NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) });
    expect(flagged.code).toBe(0);
    expect(listed.code, listed.stderr).toBe(0);
    const roles = await query<{ email: string; role: string }>(`SELECT email, role FROM users WHERE email IN ('ops@cli.test','boss@cli.test') ORDER BY email`);
    expect(roles).toEqual([
      { email: "boss@cli.test", role: "admin" },
      { email: "ops@cli.test", role: "admin" },
    ]);
    const again = await runCli(["user:create", "--email", "OPS@cli.test", "--password", "password-ops", "--json"], env);
    expect(again.code).toBe(1);
    expect(expectOneJsonDocument(again.stdout)).toEqual({ error: "An account with this email already exists" });
    expect(again.stderr.trim().split("\n").at(-1)).toBe("error: An account with this email already exists");
  });

  it("production sign-ups outside ADMIN_EMAILS are not admins, even the first", async () => {
    const fresh = await createFreshDatabase(inject("databaseServerUrl"), "darkroom_cli_prod");
    try {
      const result = await runCli(["user:create", "--email", "nobody@cli.test", "--password", "password-x", "--json"], {
        ...env,
        DATABASE_URL: fresh.url,
        NODE_ENV: "production",
        AUTH_SECRET: "y".repeat(40),
      });
      expect(result.code, result.stderr).toBe(0);
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      const { rows } = await client.query(`SELECT role FROM users`);
      await client.end();
      expect(rows).toEqual([{ role: "user" }]);
    } finally {
      await fresh.drop();
    }
  });

  it("user:set-password changes the stored hash and ends the person's sessions", async () => {
    await runCli(["user:create", "--email", "pw@cli.test", "--password", "password-old", "--json"], env);
    const [before] = await query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'pw@cli.test'`);
    await query(`INSERT INTO user_sessions (id, user_id) SELECT gen_random_uuid(), id FROM users WHERE email = 'pw@cli.test'`);
    const result = await runCli(["user:set-password", "--email", "pw@cli.test", "--password", "password-new", "--json"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(expectOneJsonDocument(result.stdout)).toEqual({ ok: true, sessionsEnded: 1 });
    const live = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'pw@cli.test' AND s.revoked_at IS NULL`,
    );
    expect(live).toEqual([{ n: 0 }]);
    const [after] = await query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'pw@cli.test'`);
    expect(after!.password_hash).not.toBe(before!.password_hash);
    const missing = await runCli(["user:set-password", "--email", "ghost@cli.test", "--password", "password-new", "--json"], env);
    expect(missing.code).toBe(1);
  });

  it("credits:grant adds to the balance through the ledger", async () => {
    const created = await runCli(["user:create", "--email", "grant@cli.test", "--password", "password-g", "--json"], env);
    const slug = (created.json as { workspace: string }).workspace;
    const result = await runCli(["credits:grant", "--workspace", slug, "--amount", "250", "--note", "top-up", "--json"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(expectOneJsonDocument(result.stdout)).toEqual({ balance: 1250 });
    const entries = await query<{ kind: string; amount: number; note: string | null }>(
      `SELECT e.kind, e.amount, e.note FROM ledger_entries e JOIN workspaces w ON w.id = e.workspace_id WHERE w.slug = $1 ORDER BY e.created_at`,
      [slug],
    );
    expect(entries).toEqual([
      { kind: "grant", amount: 1000, note: "Welcome credits" },
      { kind: "grant", amount: 250, note: "top-up" },
    ]);
    for (const bad of [["--amount", "0"], ["--amount", "-5"], ["--amount", "1.5"]]) {
      const refused = await runCli(["credits:grant", "--workspace", slug, ...bad, "--json"], env);
      expect(refused.code).toBe(1);
    }
    const unknown = await runCli(["credits:grant", "--workspace", "no-such-workspace", "--amount", "5", "--json"], env);
    expect(unknown.code).toBe(1);
    expect(expectOneJsonDocument(unknown.stdout).error).toMatch(/No workspace/);
  });

  it("out-of-range numbers get one line on stdout and stderr, and change nothing", async () => {
    const created = await runCli(["user:create", "--email", "range@cli.test", "--password", "password-r", "--json"], env);
    const slug = (created.json as { workspace: string }).workspace;
    const ledger = () => query(`SELECT e.amount FROM ledger_entries e JOIN workspaces w ON w.id = e.workspace_id WHERE w.slug = $1`, [slug]);
    const before = await ledger();
    const cases: Array<[string[], RegExp]> = [
      [["credits:grant", "--workspace", slug, "--amount", "1000000000000"], /^--amount must be a whole number from 1 to 2,147,483,647$/],
      [["credits:grant", "--workspace", slug, "--amount", "1e3"], /^--amount must be a whole number from 1 to 2,147,483,647$/],
      // Within the column, but the balance (1,000 already) cannot take it: the grant's own one-line refusal.
      [["credits:grant", "--workspace", slug, "--amount", "2147483647"], /^The balance would exceed 2,147,483,647 credits/],
      [["model:set", "--model", "gpt-image-1", "--per-image", "99999999999"], /^--per-image must be a whole number from 0 to 1,000,000$/],
      [["model:set", "--model", "gpt-image-1", "--token-ceiling", "4294967296"], /^--token-ceiling must be a whole number from 0 to 1,000,000$/],
      [["key:create", "--workspace", slug, "--email", "range@cli.test", "--rpm", "100001"], /^--rpm must be a whole number from 1 to 100,000$/],
    ];
    for (const [args, reason] of cases) {
      const result = await runCli([...args, "--json"], env);
      expect(result.code, args.join(" ")).toBe(1);
      expect(expectOneJsonDocument(result.stdout).error, args.join(" ")).toMatch(reason);
      // stderr: the same one line (after the database start-up's own), never a driver's multi-line invocation dump.
      expect(result.stderr.trim().split("\n").at(-1), args.join(" ")).toMatch(/^error: /);
      expect(result.stderr).not.toMatch(/prisma|invocation|out of range for type/i);
    }
    expect(await ledger()).toEqual(before);
    expect(await query(`SELECT k.id FROM api_keys k JOIN memberships m ON m.id = k.membership_id JOIN workspaces w ON w.id = m.workspace_id WHERE w.slug = $1`, [slug])).toEqual([]);
  });

  it("ledger:check is clean, then fails naming the workspace when drift is planted", async () => {
    const clean = await runCli(["ledger:check", "--json"], env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(expectOneJsonDocument(clean.stdout)).toEqual({ ok: true, drift: [] });

    await query(`UPDATE workspaces SET balance = balance + 7 WHERE slug = 'first'`);
    const drifted = await runCli(["ledger:check", "--json"], env);
    expect(drifted.code).toBe(1);
    expect(expectOneJsonDocument(drifted.stdout)).toEqual({
      ok: false,
      drift: [{ workspace: "first", balance: 1007, expectedBalance: 1000, held: 0, expectedHeld: 0, openHolds: 0 }],
    });
    await query(`UPDATE workspaces SET balance = balance - 7 WHERE slug = 'first'`);
  });

  it("refuses unknown commands and missing flags with a usage line", async () => {
    const unknown = await runCli(["user:explode", "--json"], env);
    expect(unknown.code).toBe(1);
    expect(expectOneJsonDocument(unknown.stdout).error).toMatch(/unknown command/);
    const missing = await runCli(["credits:grant", "--workspace", "first", "--json"], env);
    expect(missing.code).toBe(1);
    expect(expectOneJsonDocument(missing.stdout).error).toBe("missing --amount");
  });

  it("without DATABASE_URL, works on the embedded database under DATA_DIR and leaves no server running", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-cli-"));
    fs.chmodSync(dataDir, 0o755);
    try {
      const embeddedEnv = { DATABASE_URL: "", DATA_DIR: dataDir, NODE_ENV: "development" };
      const created = await runCli(["user:create", "--email", "solo@cli.test", "--password", "password-solo", "--json"], embeddedEnv);
      expect(created.code, created.stderr).toBe(0);
      expect(expectOneJsonDocument(created.stdout)).toEqual({ userId: expect.any(String), workspace: "solo" });
      const check = await runCli(["ledger:check", "--json"], embeddedEnv);
      expect(expectOneJsonDocument(check.stdout)).toEqual({ ok: true, drift: [] });
      // The data outlived the process (same database next time), and no postmaster is left.
      const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
      expect(fs.existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true);
      expect(fs.existsSync(pidFile)).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
