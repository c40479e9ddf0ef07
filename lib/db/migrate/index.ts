// Offline Prisma migrations: the WebAssembly schema engine over adapter-pg. Writes and reads the
// stock layout (prisma/migrations, migration_lock.toml, the _prisma_migrations table).
export { MIGRATION_LOCK_KEY, withMigrationLock } from "./advisory-lock";
export { createMigration, type CreateMigrationOptions, type CreateMigrationResult, migrationSlug } from "./create-migration";
export { deployMigrations, type DeployMigrationsOptions } from "./deploy-migrations";
export { MigrationError, type MigrationErrorCode } from "./errors";
export { defaultMigrationsDir, defaultSchemaPath, readMigrationsList } from "./migrations-dir";
