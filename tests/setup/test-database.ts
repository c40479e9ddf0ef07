// Throwaway PostgreSQL databases for tests: Vitest's global setup, the Playwright server and the
// top-level test runner all use these. Tests create and drop databases, so they refuse any server
// that is not on this machine.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ipaddr from "ipaddr.js";
import { type EmbeddedPostgres, type Log, onProcessExit, startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { deployMigrations } from "../../lib/db/migrate";
import { runStatement, withDatabaseName } from "../../lib/db/database-url";
import { parseEnv } from "../../lib/env/parse-env";

function isLoopbackHost(host: string): boolean {
  const bare = decodeURIComponent(host).replace(/^\[|\]$/g, "");
  if (bare.startsWith("/")) return true; // unix socket directory
  if (bare.toLowerCase() === "localhost") return true;
  return ipaddr.isValid(bare) && ipaddr.process(bare).range() === "loopback";
}

/** Throws unless `url` points at this machine: 127.0.0.0/8, ::1, localhost or a unix socket. */
export function assertLocalDatabaseUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid URL");
  }
  // libpq lets ?host= override the authority (and an empty authority means the default socket).
  const hosts = [parsed.searchParams.get("host"), parsed.hostname].filter((h): h is string => Boolean(h));
  const host = hosts[0] ?? "/";
  if (!hosts.every(isLoopbackHost)) {
    throw new Error(
      `Refusing to run tests against the PostgreSQL server at ${host}: tests create and drop databases, so ` +
        "DATABASE_URL must point at this machine (127.0.0.0/8, ::1, localhost or a unix socket), or be unset " +
        "to use a throwaway embedded PostgreSQL",
    );
  }
}

export { withDatabaseName };

export interface FreshDatabase {
  url: string;
  name: string;
  /** DROP DATABASE ... WITH (FORCE); idempotent. */
  drop(): Promise<void>;
}

/**
 * Creates `<prefix>_<random>` on the server of `serverUrl` (any database of it) and, unless
 * `migrate: false`, applies the migrations to it.
 */
export async function createFreshDatabase(
  serverUrl: string,
  prefix = "darkroom_test",
  { migrate = true, log }: { migrate?: boolean; log?: Log } = {},
): Promise<FreshDatabase> {
  assertLocalDatabaseUrl(serverUrl);
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await runStatement(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabaseName(serverUrl, name);
  const drop = () => runStatement(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    if (migrate) await deployMigrations(url, { log });
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { url, name, drop };
}

export interface TestCluster {
  /** A connection to the server (its `postgres` database when embedded). */
  serverUrl: string;
  /** The embedded server, or null when DATABASE_URL named one. */
  embedded: EmbeddedPostgres | null;
  /** A fresh, migrated database; dropped by stop(). */
  createDatabase(options?: { prefix?: string; migrate?: boolean }): Promise<string>;
  /** Drops the databases created here; stops and deletes an embedded cluster. */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server for a test run: the loopback server of DATABASE_URL if set, otherwise a
 * throwaway embedded cluster under the system temp dir (no fsync, deleted by stop(); an exit
 * handler signals it if the process ends without stop()).
 */
export async function startTestCluster({
  log,
  databaseUrl = parseEnv(process.env).DATABASE_URL,
}: {
  log?: Log;
  /** Default: DATABASE_URL; null forces a throwaway embedded cluster. */
  databaseUrl?: string | null;
} = {}): Promise<TestCluster> {
  let embedded: EmbeddedPostgres | null = null;
  let dataDir: string | null = null;
  let removeExitHandler = () => {};
  if (databaseUrl) {
    assertLocalDatabaseUrl(databaseUrl);
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-test-"));
    fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as another user when we are root
    try {
      embedded = await startEmbeddedPostgres({ dataDir, log, persistent: false });
    } catch (error) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
    removeExitHandler = onProcessExit(embedded, { signals: [] });
  }
  const serverUrl = embedded ? embedded.adminUrl : (databaseUrl as string);
  const created: FreshDatabase[] = [];

  return {
    serverUrl,
    embedded,
    async createDatabase({ prefix, migrate } = {}) {
      const database = await createFreshDatabase(serverUrl, prefix, { migrate, log });
      created.push(database);
      return database.url;
    },
    async stop() {
      if (!embedded) {
        const results = await Promise.allSettled(created.map((database) => database.drop()));
        const failure = results.find((result) => result.status === "rejected");
        if (failure) throw (failure as PromiseRejectedResult).reason;
        return;
      }
      try {
        await embedded.stop(); // the cluster and its databases go with it
        removeExitHandler();
      } finally {
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
