import "server-only";
import fs from "node:fs";
import { logger } from "@/lib/log/logger";
import { settleDurably } from "./settle-durably";
import { claimOrphanJournals, readPendingEntries } from "./settlement-journal";

/**
 * Start-up: applies the settlements that processes which are gone journaled but never saw committed (they died
 * during a database outage, say), each through settleDurably (so journaled again here and retried until the
 * database answers), then deletes the files taken over. Never rejects.
 */
export async function replaySettlementJournals(): Promise<void> {
  let files: string[];
  try {
    files = claimOrphanJournals();
  } catch (err) {
    logger.error({ err }, "settlement journals could not be read");
    return;
  }
  for (const file of files) {
    const entries = readPendingEntries(file);
    if (entries.length > 0) logger.warn({ file, settlements: entries.length }, "replaying journaled settlements of a previous process");
    await Promise.all(entries.map((e) => settleDurably(e.requestId, e.settlement)));
    fs.rmSync(file, { force: true });
  }
}
