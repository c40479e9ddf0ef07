import "server-only";
import { checkLedger } from "@/lib/billing/check-ledger";
import { logger } from "@/lib/log/logger";
import type { JobOutcome } from "./record-job-run";

/** `ledger:check` as a scheduled job: drift is an error log line (for alerting) and a red health panel. */
export async function runLedgerCheck(): Promise<JobOutcome> {
  const { ok, drift } = await checkLedger();
  if (!ok) logger.error({ workspaces: drift.length, drift: drift.slice(0, 20) }, "ledger drift: balances disagree with the ledger");
  return { ok, summary: { drift: drift.slice(0, 100), workspaces: drift.length } };
}
