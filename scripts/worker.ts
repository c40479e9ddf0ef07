// `npm run worker`: runs studio edit jobs in a process of its own, for scale-out (set WORKER_ENABLED=false on the
// app instances then). Works on the same database as the app: DATABASE_URL, or the embedded one of DATA_DIR.
const log = (line: string) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);

async function main() {
  const { ensureDatabase, onProcessExit } = await import("@/lib/db/ensure-database");
  const database = await ensureDatabase({ log, onStarted: (embedded) => void onProcessExit(embedded, { signals: [] }) });
  process.env.DATABASE_URL = database.url;
  const { startEditWorker } = await import("@/lib/jobs/start-edit-worker");
  const { stopEditQueue } = await import("@/lib/jobs/edit-queue");
  const { startHoldSweeper } = await import("@/lib/billing/sweep-expired-holds");
  const { env } = await import("@/lib/env");
  const { replaySettlementJournals } = await import("@/lib/billing/replay-settlement-journals");
  const { startUsageFold } = await import("@/lib/usage/start-usage-fold");
  await startEditWorker();
  startUsageFold();
  // The sweeper starts once dead processes' journaled settlements are applied (their holds only look abandoned).
  void replaySettlementJournals().then(() => startHoldSweeper(env.HOLD_EXPIRY_MS));
  log("Darkroom worker ready");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the worker (running jobs are retried by another worker)`);
    await stopEditQueue();
    await database.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  log(`worker failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
