// npm run db:deploy — applies pending migrations (prisma migrate deploy, offline).
// DATABASE_URL unset: works on the embedded PostgreSQL of DATA_DIR, stopped after if started here.
// stdout: one JSON line {"applied": [...]}; diagnostics go to stderr.
import { onProcessExit } from "../lib/db/embedded-postgres";
import { ensureDatabase } from "../lib/db/ensure-database";

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  let removeExitHandlers = () => {};
  const database = await ensureDatabase({
    log,
    onStarted: (embedded) => {
      removeExitHandlers = onProcessExit(embedded);
    },
  });
  try {
    process.stdout.write(`${JSON.stringify({ applied: database.applied })}\n`);
  } finally {
    await database.stop();
    removeExitHandlers();
  }
}

main().catch((error: unknown) => {
  log(`db:deploy failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
