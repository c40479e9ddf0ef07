import type { SchemasContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { type Log, silentLog } from "../embedded/processes";
import { withMigrationLock } from "./advisory-lock";
import type { DeployMigrationsOptions } from "./deploy-migrations";
import { MigrationError } from "./errors";
import { defaultMigrationsDir, defaultSchemaPath, readMigrationsList, readSchema, writeMigration } from "./migrations-dir";
import { NO_FILTERS, type SchemaEngine, withSchemaEngine } from "./schema-engine";

export interface CreateMigrationOptions extends DeployMigrationsOptions {
  /** Name of the new migration (folder `<timestamp>_<name>`); required when the schema changed. */
  name?: string;
  /** Only write the migration file (always, even empty, for hand-written SQL); do not apply it. */
  createOnly?: boolean;
  /** Apply a migration that drops data (its warnings are otherwise refused). */
  acceptDataLoss?: boolean;
  /** Empty the database first (development only: all its data is lost). */
  reset?: boolean;
}

export interface CreateMigrationResult {
  /** Folder name of the migration written, or null when the schema had not changed. */
  created: string | null;
  /** Migrations applied by this call, the new one included. */
  applied: string[];
  /** Data-loss warnings of the new migration. */
  warnings: string[];
}

export function migrationSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
}

async function applyPending(engine: SchemaEngine, migrationsDir: string): Promise<string[]> {
  const result = await engine.applyMigrations({ migrationsList: readMigrationsList(migrationsDir), filters: NO_FILTERS });
  return result.appliedMigrationNames;
}

// Refuses a database that drifted from the migration history (or whose history is broken).
async function assertNoDrift(engine: SchemaEngine, migrationsDir: string): Promise<void> {
  const { action } = await engine.devDiagnostic({ migrationsList: readMigrationsList(migrationsDir), filters: NO_FILTERS });
  if (action.tag === "reset") {
    throw new MigrationError(
      "drift",
      `${action.reason.trim()}\n\nThe database does not match the migration history, so nothing was written or applied. ` +
        "Undo the manual change, or empty this development database (all its data is lost) with " +
        "`npm run db:migrate -- --reset`.",
    );
  }
}

interface GenerateOptions {
  migrationsDir: string;
  schemas: SchemasContainer;
  name: string | undefined;
  createOnly: boolean;
  acceptDataLoss: boolean;
  log: Log;
}

// Writes (and unless createOnly applies) the migration from the history to the schema.
async function generateMigration(
  engine: SchemaEngine,
  { migrationsDir, schemas, name, createOnly, acceptDataLoss, log }: GenerateOptions,
): Promise<Omit<CreateMigrationResult, "applied"> & { applied: string[] }> {
  const loss = await engine.evaluateDataLoss({ migrationsList: readMigrationsList(migrationsDir), schema: schemas, filters: NO_FILTERS });
  const warnings = loss.warnings.map((warning) => warning.message);
  if (loss.migrationSteps === 0 && !createOnly) {
    log("[migrate] the schema matches the migrations: nothing to create");
    return { created: null, applied: [], warnings: [] };
  }
  const slug = migrationSlug(name ?? "");
  if (!slug) {
    throw new MigrationError("name-required", "prisma/schema.prisma differs from prisma/migrations: name the new migration, e.g. --name add_invoices");
  }
  for (const message of [...loss.unexecutableSteps.map((step) => step.message), ...warnings]) log(`[migrate] warning: ${message}`);
  if (!createOnly && loss.unexecutableSteps.length > 0) {
    throw new MigrationError(
      "unexecutable",
      "The new migration cannot be applied to the data in this database (see the warnings above). " +
        "Write it with --create-only, edit the SQL, then run db:migrate again.",
    );
  }
  if (!createOnly && warnings.length > 0 && !acceptDataLoss) {
    throw new MigrationError(
      "data-loss",
      "The new migration would lose data (see the warnings above). Re-run with --accept-data-loss, " +
        "or with --create-only to review the SQL first.",
    );
  }

  const output = await engine.createMigration({
    draft: createOnly,
    migrationName: slug,
    migrationsList: readMigrationsList(migrationsDir),
    schema: schemas,
    filters: NO_FILTERS,
  });
  if (output.migrationScript === null) return { created: null, applied: [], warnings };
  const folder = writeMigration(migrationsDir, {
    name: output.generatedMigrationName,
    extension: output.extension,
    script: output.migrationScript,
    provider: output.connectorType,
  });
  log(`[migrate] wrote ${folder}`);
  const applied = createOnly ? [] : await applyPending(engine, migrationsDir);
  for (const appliedName of applied) log(`[migrate] applied ${appliedName}`);
  return { created: output.generatedMigrationName, applied, warnings };
}

/**
 * The development flow (`prisma migrate dev`): refuses a database that drifted from the migration
 * history, applies pending migrations, then writes a migration for any difference between
 * prisma/schema.prisma and the history, and applies it unless `createOnly`.
 */
export async function createMigration(
  databaseUrl: string,
  {
    log = silentLog,
    migrationsDir = defaultMigrationsDir,
    schemaPath = defaultSchemaPath,
    name,
    createOnly = false,
    acceptDataLoss = false,
    reset = false,
  }: CreateMigrationOptions = {},
): Promise<CreateMigrationResult> {
  const schema = readSchema(schemaPath);
  const generate: GenerateOptions = { migrationsDir, schemas: { files: [schema] }, name, createOnly, acceptDataLoss, log };
  return withMigrationLock(databaseUrl, { log }, async () => {
    let pending: string[] = [];
    const result = await withSchemaEngine(databaseUrl, { schema, log }, async (engine) => {
      if (reset) {
        await engine.reset({ filter: NO_FILTERS });
        log("[migrate] emptied the database (--reset)");
      }
      await assertNoDrift(engine, migrationsDir);
      pending = await applyPending(engine, migrationsDir);
      for (const appliedName of pending) log(`[migrate] applied ${appliedName}`);
      // The Wasm engine diffs the schema against the history only through the shadow database of
      // a devDiagnostic run that found the database up to date: after applying, start afresh.
      return pending.length ? null : generateMigration(engine, generate);
    });
    if (result) return result;
    const next = await withSchemaEngine(databaseUrl, { schema, log }, async (engine) => {
      await assertNoDrift(engine, migrationsDir);
      return generateMigration(engine, generate);
    });
    return { ...next, applied: [...pending, ...next.applied] };
  });
}
