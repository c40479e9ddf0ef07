import pg from "pg";
import type { Log } from "../embedded/processes";

// "darkroom" in ASCII. Not Prisma's own key (72707369), which the engine takes on its own
// connection while applying: holding that one here would block the engine against ourselves.
export const MIGRATION_LOCK_KEY = 0x6461726b726f6f6dn.toString();

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

// Connects to `url`, creating its database first when it does not exist (as `prisma migrate` does).
async function connectCreatingDatabase(url: string, log: Log): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    if ((error as { code?: string }).code !== "3D000") throw error;
  }
  const name = databaseName(url);
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    log(`[migrate] created database ${name}`);
  } catch (error) {
    if ((error as { code?: string }).code !== "42P04") throw error; // created concurrently
  } finally {
    await admin.end();
  }
  return connectCreatingDatabase(url, log);
}

/**
 * Runs `fn` while this session holds a PostgreSQL advisory lock, so that instances starting
 * together migrate one at a time: the others wait, then find nothing left to apply.
 */
export async function withMigrationLock<T>(
  databaseUrl: string,
  { log, timeoutMs = 600_000 }: { log: Log; timeoutMs?: number },
  fn: () => Promise<T>,
): Promise<T> {
  const client = await connectCreatingDatabase(databaseUrl, log);
  try {
    await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [
      MIGRATION_LOCK_KEY,
    ]);
    if (!rows[0]?.locked) {
      log("[migrate] another process is migrating this database; waiting for it to finish");
      await client.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
    }
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [MIGRATION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}
