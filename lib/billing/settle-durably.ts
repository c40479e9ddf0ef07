import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { keepHoldAlive } from "./keep-holds-alive";
import { settle, type Settlement } from "./settle";
import { journalSettlement, journalSettled } from "./settlement-journal";

const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 2_000;

function tryJournal<T>(write: () => T, requestId: string): T | null {
  try {
    return write();
  } catch (err) {
    logger.error({ requestId, err }, "settlement journal write failed");
    return null;
  }
}

// Settlements still going, on globalThis: the shutdown hook may run from another copy of this module (Next bundles).
const globals = globalThis as typeof globalThis & { __darkroomSettling?: Set<Promise<boolean>> };
const settling = (globals.__darkroomSettling ??= new Set());

/** Shutdown: waits (at most `ms`) for settlements still going to commit; what is left stays in the journal. */
export async function drainSettlements(ms: number): Promise<void> {
  if (settling.size === 0) return;
  await Promise.race([Promise.allSettled([...settling]), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

/**
 * Applies a settlement however long the database takes to come back: the outcome is journaled first (see
 * settlement-journal.ts), then retried with backoff (200 ms doubling up to 2 s) until it commits, its hold kept
 * alive meanwhile so no sweeper takes it for abandoned. Resolves with darkroom_settle's answer (false: the hold
 * was already closed, nothing applied); never rejects. Every log line names the request.
 */
export function settleDurably(requestId: string, settlement: Settlement): Promise<boolean> {
  const running = applyDurably(requestId, settlement).finally(() => settling.delete(running));
  settling.add(running);
  return running;
}

async function applyDurably(requestId: string, settlement: Settlement): Promise<boolean> {
  // A journal that cannot be written (disk full) must not stop the settlement itself.
  const ticket = tryJournal(() => journalSettlement({ requestId, settlement }), requestId);
  const stopHeartbeat = keepHoldAlive(settlement.holdId, env.HOLD_EXPIRY_MS);
  const log = { requestId, holdId: settlement.holdId, charge: settlement.charge };
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const settled = await settle(settlement);
        if (attempt > 0) logger.warn({ ...log, attempts: attempt + 1, settled }, "settlement applied after the database came back");
        if (!settled) logger.warn(log, "settlement found its hold already closed; nothing applied");
        if (ticket) tryJournal(() => journalSettled(ticket), requestId);
        return settled;
      } catch (error) {
        const waitMs = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
        // One line when it starts failing and then one every ~minute, not one per retry.
        if (attempt === 0 || attempt % 30 === 0) {
          logger.error({ ...log, attempts: attempt + 1, err: error, retryInMs: waitMs }, "settlement waiting for the database (journaled; retrying)");
        }
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  } finally {
    stopHeartbeat();
  }
}
