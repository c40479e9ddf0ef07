import { type Env, parseEnv } from "../env/parse-env";
import { type EmbeddedPostgres, type Log, startEmbeddedPostgres } from "./embedded-postgres";
import { silentLog } from "./embedded/processes";
import { deployMigrations } from "./migrate";

export { acquireInstanceLock, type InstanceLock, InstanceRunningError, onProcessExit } from "./embedded-postgres";

export interface EnsureDatabaseOptions {
  log?: Log;
  /** Default: parseEnv(process.env). */
  env?: Pick<Env, "DATABASE_URL" | "DATA_DIR">;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Called as soon as an embedded server is up, before migrating: the place to install exit handlers. */
  onStarted?: (embedded: EmbeddedPostgres) => void;
}

export interface EnsuredDatabase {
  url: string;
  /** The embedded server, or null when DATABASE_URL is set. */
  embedded: EmbeddedPostgres | null;
  /** Migrations applied by this call. */
  applied: string[];
  /** Stops the embedded server if this process owns it; a no-op otherwise. */
  stop(): Promise<void>;
}

/**
 * The database the app should use: DATABASE_URL when set (nothing embedded starts), otherwise the
 * embedded PostgreSQL of DATA_DIR (started, or reused if already running), migrated to the latest
 * migration.
 */
export async function ensureDatabase({
  log = silentLog,
  env = parseEnv(process.env),
  migrate = true,
  onStarted,
}: EnsureDatabaseOptions = {}): Promise<EnsuredDatabase> {
  if (env.DATABASE_URL) {
    const applied = migrate ? (await deployMigrations(env.DATABASE_URL, { log })).applied : [];
    return { url: env.DATABASE_URL, embedded: null, applied, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, log });
  try {
    onStarted?.(embedded);
    const applied = migrate ? (await deployMigrations(embedded.url, { log })).applied : [];
    return { url: embedded.url, embedded, applied, stop: embedded.stop };
  } catch (error) {
    await embedded.stop().catch(() => {});
    throw error;
  }
}
