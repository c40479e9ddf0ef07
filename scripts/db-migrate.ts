// npm run db:migrate -- --name <name> [--create-only] [--accept-data-loss] [--reset]
// Development migrations (prisma migrate dev, offline): refuses a drifted database, applies pending
// migrations, writes prisma/migrations/<timestamp>_<name>/ when prisma/schema.prisma changed and
// applies it. DATABASE_URL unset: uses the embedded PostgreSQL of DATA_DIR.
// stdout: one JSON line {"created", "applied", "warnings"}; diagnostics go to stderr.
import { parseArgs } from "node:util";
import { onProcessExit } from "../lib/db/embedded-postgres";
import { ensureDatabase } from "../lib/db/ensure-database";
import { createMigration } from "../lib/db/migrate";

const log = (line: string) => process.stderr.write(`${line}\n`);

const usage = `Usage: npm run db:migrate -- [--name <name>] [--create-only] [--accept-data-loss] [--reset]
  --name <name>        name of the new migration (required when the schema changed)
  --create-only        write the migration (even empty, for hand-written SQL) without applying it
  --accept-data-loss   apply a migration that drops columns or tables with data
  --reset              empty the database first (development only: all data is lost)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: "string", short: "n" },
      "create-only": { type: "boolean", default: false },
      "accept-data-loss": { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  let removeExitHandlers = () => {};
  const database = await ensureDatabase({
    log,
    migrate: false,
    onStarted: (embedded) => {
      removeExitHandlers = onProcessExit(embedded);
    },
  });
  try {
    const result = await createMigration(database.url, {
      log,
      name: values.name,
      createOnly: values["create-only"],
      acceptDataLoss: values["accept-data-loss"],
      reset: values.reset,
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await database.stop();
    removeExitHandlers();
  }
}

main().catch((error: unknown) => {
  log(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
