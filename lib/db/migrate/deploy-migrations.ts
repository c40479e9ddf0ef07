import fs from "node:fs";
import { type Log, silentLog } from "../embedded/processes";
import { withMigrationLock } from "./advisory-lock";
import { defaultMigrationsDir, defaultSchemaPath, readMigrationsList, readSchema } from "./migrations-dir";
import { NO_FILTERS, withSchemaEngine } from "./schema-engine";

export interface DeployMigrationsOptions {
  log?: Log;
  /** Default: prisma/migrations of this project. */
  migrationsDir?: string;
  /** Default: prisma/schema.prisma of this project (optional for deploy). */
  schemaPath?: string;
}

/**
 * Applies the pending migrations of `migrationsDir` (the equivalent of `prisma migrate deploy`),
 * creating the database if it does not exist. Safe to call from several processes at once.
 */
export async function deployMigrations(
  databaseUrl: string,
  { log = silentLog, migrationsDir = defaultMigrationsDir, schemaPath = defaultSchemaPath }: DeployMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const schema = fs.existsSync(schemaPath) ? readSchema(schemaPath) : null;
  return withMigrationLock(databaseUrl, { log }, () =>
    withSchemaEngine(databaseUrl, { schema, log }, async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({
        migrationsList: readMigrationsList(migrationsDir),
        filters: NO_FILTERS,
      });
      for (const name of appliedMigrationNames) log(`[migrate] applied ${name}`);
      if (appliedMigrationNames.length === 0) log("[migrate] no pending migrations");
      return { applied: appliedMigrationNames };
    }),
  );
}
