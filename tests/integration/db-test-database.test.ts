// The test database harness itself (tests/setup/test-database.ts) and what the global setup provides.
import fs from "node:fs";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { isPidAlive } from "@/lib/db/embedded/processes";
import { assertLocalDatabaseUrl, startTestCluster } from "../setup/test-database";

async function databaseExists(serverUrl: string, url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    return (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe("assertLocalDatabaseUrl", () => {
  it.each([
    "postgresql://u:p@127.0.0.1:5432/db",
    "postgres://u:p@127.8.9.10/db",
    "postgresql://u:p@localhost/db",
    "postgresql://u:p@[::1]:5432/db",
    "postgresql:///db?host=/var/run/postgresql",
    "postgresql://u@%2Fvar%2Frun%2Fpostgresql/db",
  ])("accepts %s", (url) => {
    expect(() => assertLocalDatabaseUrl(url)).not.toThrow();
  });

  it.each([
    "postgresql://u:p@10.0.0.5/db",
    "postgresql://u:p@192.168.1.20:5432/db",
    "postgresql://u:p@db.example.com/db",
    "postgresql://u:p@[2001:db8::1]/db",
    "postgresql://u:p@127.0.0.1/db?host=db.example.com",
  ])("refuses %s", (url) => {
    expect(() => assertLocalDatabaseUrl(url)).toThrow(/Refusing to run tests against the PostgreSQL server/);
  });
});

describe("startTestCluster", () => {
  it("refuses a DATABASE_URL that is not on this machine", async () => {
    await expect(startTestCluster({ databaseUrl: "postgresql://u:p@db.example.com/darkroom" })).rejects.toThrow(/Refusing/);
  });

  it("on a given server, creates fresh migrated databases and drops them at stop()", async () => {
    const serverUrl = inject("databaseServerUrl");
    const cluster = await startTestCluster({ databaseUrl: serverUrl });
    const url = await cluster.createDatabase();
    expect(new URL(url).pathname).toMatch(/^\/darkroom_test_[0-9a-f]{12}$/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query("SELECT count(*)::int AS n FROM users")).rows).toEqual([{ n: 0 }]);
    await client.end();

    await cluster.stop();
    expect(await databaseExists(serverUrl, url)).toBe(false);
  });

  it("without a server, runs a throwaway embedded cluster and removes every trace at stop()", async () => {
    const cluster = await startTestCluster({ databaseUrl: null });
    const embedded = cluster.embedded!;
    const url = await cluster.createDatabase({ migrate: false });
    expect(await databaseExists(cluster.serverUrl, url)).toBe(true);

    await cluster.stop();
    // The postmaster is gone (a zombie not yet reaped counts as gone: isPidAlive reads /proc state).
    await expect.poll(() => isPidAlive(embedded.pid), { timeout: 10_000 }).toBe(false);
    expect(fs.existsSync(embedded.clusterDir)).toBe(false);
  });
});

describe("global setup", () => {
  it("hands the workers a migrated database of their own through DATABASE_URL", async () => {
    const url = inject("databaseUrl");
    expect(process.env.DATABASE_URL).toBe(url);
    assertLocalDatabaseUrl(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    await client.end();
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
