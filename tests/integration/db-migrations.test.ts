// Offline migrations (lib/db/migrate) against real PostgreSQL: each test makes its own databases on
// the server of the global setup and its own copy of prisma/migrations when it writes migrations.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createMigration, defaultMigrationsDir, defaultSchemaPath, deployMigrations, MigrationError } from "@/lib/db/migrate";
import { createFreshDatabase, type FreshDatabase, withDatabaseName } from "../setup/test-database";

const serverUrl = inject("databaseServerUrl");
const projectRoot = path.resolve(import.meta.dirname, "../..");
const created: FreshDatabase[] = [];
const scratchDirs: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((database) => database.drop()));
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const migrationNames = fs
  .readdirSync(defaultMigrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function emptyDatabase(): Promise<string> {
  const database = await createFreshDatabase(serverUrl, "darkroom_test_migrate", { migrate: false });
  created.push(database);
  return database.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const appliedRows = (url: string) =>
  query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    url,
    "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name",
  );

function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-migrate-test-"));
  scratchDirs.push(dir);
  return dir;
}

function copyOfMigrations(): string {
  const dir = path.join(scratchDir(), "migrations");
  fs.cpSync(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

// The checked-in schema with the membership month default written as PostgreSQL prints it, so a
// database built from the migrations compares equal to it (see the note in the report on dbgenerated).
function canonicalSchema(extra = ""): string {
  const schema = fs
    .readFileSync(defaultSchemaPath, "utf8")
    .replace(
      `dbgenerated("date_trunc('month', timezone('UTC', now()))::date")`,
      `dbgenerated("(date_trunc('month'::text, timezone('UTC'::text, now())))::date")`,
    );
  const file = path.join(scratchDir(), "schema.prisma");
  fs.writeFileSync(file, `${schema}\n${extra}`);
  return file;
}

function runDeployScript(databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/db-deploy.ts"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("deployMigrations", () => {
  it("applies every migration to an empty database", async () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    const url = await emptyDatabase();

    expect((await deployMigrations(url)).applied).toEqual(migrationNames);

    const tables = await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "users", "accounts", "workspaces", "memberships", "ledger_entries", "audit_logs", "rate_limits"]),
    );
    const rows = await appliedRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
  });

  it("does nothing the second time", async () => {
    const url = await emptyDatabase();
    await deployMigrations(url);
    const before = await appliedRows(url);

    expect((await deployMigrations(url)).applied).toEqual([]);
    expect(await appliedRows(url)).toEqual(before);
  });

  it("creates the database when it does not exist", async () => {
    const url = withDatabaseName(serverUrl, `darkroom_test_missing_${Date.now()}`);
    created.push({ url, name: "", drop: () => query(serverUrl, `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`).then(() => {}) });

    expect((await deployMigrations(url)).applied).toEqual(migrationNames);
  });

  it("applies once when two processes deploy to the same empty database at the same time", async () => {
    const url = await emptyDatabase();

    const runs = await Promise.all([runDeployScript(url), runDeployScript(url)]);

    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const applied = runs.map((run) => (JSON.parse(run.stdout.trim()) as { applied: string[] }).applied);
    expect(applied).toContainEqual(migrationNames);
    expect(applied).toContainEqual([]);
    expect((await appliedRows(url)).map((r) => r.migration_name)).toEqual(migrationNames);
  });
});

describe("createMigration", () => {
  it("refuses a database that drifted from the migration history, writing nothing", async () => {
    const url = await emptyDatabase();
    const migrationsDir = copyOfMigrations();
    await deployMigrations(url, { migrationsDir });
    await query(url, 'ALTER TABLE "users" ADD COLUMN "nickname" TEXT');

    const attempt = createMigration(url, { migrationsDir, schemaPath: canonicalSchema(), name: "anything" });

    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toMatchObject({ code: "drift", message: expect.stringMatching(/drift/i) });
    expect(fs.readdirSync(migrationsDir).sort()).toEqual([...migrationNames, "migration_lock.toml"].sort());

    // The remedy the message suggests for a development database.
    const reset = await createMigration(url, { migrationsDir, schemaPath: canonicalSchema(), reset: true });
    expect(reset).toEqual({ created: null, applied: migrationNames, warnings: [] });
    expect(await query(url, "SELECT column_name FROM information_schema.columns WHERE column_name = 'nickname'")).toEqual([]);
  });

  it("writes and applies a migration when the schema changed, then finds nothing to do", async () => {
    const url = await emptyDatabase();
    const migrationsDir = copyOfMigrations();
    const schemaPath = canonicalSchema('model Widget {\n  id   Int    @id @default(autoincrement())\n  name String\n\n  @@map("widgets")\n}\n');

    const result = await createMigration(url, { migrationsDir, schemaPath, name: "Add widgets" });

    expect(result.created).toMatch(/^\d{14}_add_widgets$/);
    expect(result.applied).toEqual([...migrationNames, result.created]);
    const sql = fs.readFileSync(path.join(migrationsDir, result.created!, "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "widgets"');
    expect(fs.readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    expect(await query(url, "SELECT * FROM widgets")).toEqual([]);

    expect(await createMigration(url, { migrationsDir, schemaPath })).toEqual({ created: null, applied: [], warnings: [] });
    // Shadow databases are dropped after use.
    expect(await query(serverUrl, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'")).toEqual([]);
  });

  it("with createOnly writes the migration without applying it; data loss is refused unless accepted", async () => {
    const url = await emptyDatabase();
    const migrationsDir = copyOfMigrations();
    await deployMigrations(url, { migrationsDir });
    const withColor = canonicalSchema('model Widget {\n  id    Int    @id\n  color String?\n\n  @@map("widgets")\n}\n');

    const draft = await createMigration(url, { migrationsDir, schemaPath: withColor, name: "widgets", createOnly: true });
    expect(draft.applied).toEqual([]);
    expect(await query(url, "SELECT to_regclass('widgets') AS t")).toEqual([{ t: null }]);
    // Hand-written SQL with semicolons inside a function body and a string runs as one script.
    fs.appendFileSync(
      path.join(migrationsDir, draft.created!, "migration.sql"),
      "\nCREATE FUNCTION widget_label() RETURNS text LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 'a; b';\nEND;\n$$;\n",
    );
    expect((await deployMigrations(url, { migrationsDir })).applied).toEqual([draft.created]);
    expect(await query(url, "SELECT widget_label() AS label")).toEqual([{ label: "a; b" }]);
    await query(url, "INSERT INTO widgets (id, color) VALUES (1, 'red')");

    const withoutColor = canonicalSchema('model Widget {\n  id Int @id\n\n  @@map("widgets")\n}\n');
    await expect(createMigration(url, { migrationsDir, schemaPath: withoutColor, name: "drop color" })).rejects.toMatchObject({
      code: "data-loss",
    });
    const accepted = await createMigration(url, { migrationsDir, schemaPath: withoutColor, name: "drop color", acceptDataLoss: true });
    expect(accepted.warnings.length).toBeGreaterThan(0);
    expect(accepted.applied).toEqual([accepted.created]);
  });
});
