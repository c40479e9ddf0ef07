import "server-only";
import { replaySettlementJournals } from "@/lib/billing/replay-settlement-journals";
import { drainSettlements } from "@/lib/billing/settle-durably";
import { startHoldSweeper } from "@/lib/billing/sweep-expired-holds";
import { env } from "@/lib/env";
import { closeDb } from "@/lib/db/client";
import { getNotificationListener } from "@/lib/db/notifications";
import { startMaintenance } from "@/lib/health/start-maintenance";
import { stopEditQueue } from "@/lib/jobs/edit-queue";
import { startEditWorker } from "@/lib/jobs/start-edit-worker";
import { logger } from "@/lib/log/logger";
import { startUsageFold } from "@/lib/usage/start-usage-fold";
import { purgeDeletedWorkspaces } from "@/lib/workspaces/purge-deleted-workspaces";
import { onShutdown } from "./shutdown-hooks";

let started = false;

/**
 * Periodic work every app instance runs (all of it is safe to run in several instances at once): applying the
 * settlements a previous process journaled but never committed (settle-durably.ts), releasing holds abandoned
 * by crashed processes, folding usage deltas into the rollups, the scheduled maintenance jobs (ledger check,
 * retention, orphan sweep: lib/health, on pg-boss cron, each run once whichever instances are up), and (unless
 * workers run alone) taking studio edit jobs.
 */
export function startBackgroundWork(): void {
  if (started) return;
  started = true;
  // The sweeper starts once the journals of dead processes are applied: their holds look abandoned (no heartbeat)
  // but their outcome is known. Replaying waits for the database, which the sweeper would need anyway.
  let stopSweeper = () => {};
  let stopping = false;
  void replaySettlementJournals().then(() => {
    if (!stopping) stopSweeper = startHoldSweeper(env.HOLD_EXPIRY_MS);
  });
  if (env.WORKER_ENABLED) void startEditWorker();
  void startMaintenance().catch((err: unknown) => logger.warn({ err }, "maintenance jobs failed to start"));
  const stopUsageFold = startUsageFold();
  // Deleted teams lose access at once; their images leave storage here, a batch per minute.
  const purgeWorkspaces = setInterval(() => {
    purgeDeletedWorkspaces().catch((err: unknown) => logger.warn({ err }, "deleted workspace purge failed"));
  }, 60 * 1000);
  purgeWorkspaces.unref();
  onShutdown(async () => {
    stopping = true;
    clearInterval(purgeWorkspaces);
    stopSweeper();
    stopUsageFold();
    await stopEditQueue(); // a job still running is retried by another worker (its hold stays open)
    await drainSettlements(1_500); // the calls cut short at the grace's end settle now, or at the next start (journal)
    await getNotificationListener().close();
    await closeDb();
  });
}
