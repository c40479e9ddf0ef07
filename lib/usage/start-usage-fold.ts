import "server-only";
import { logger } from "@/lib/log/logger";
import { foldUsageDeltas } from "./fold-usage-deltas";

const EVERY_MS = 1000;
const LIMIT = 20_000;

let timer: NodeJS.Timeout | undefined;

/**
 * Folds usage deltas into the rollups every second in this process (idempotent; every instance and worker runs
 * it, and a fold that finds another one running skips its turn). A full batch is followed by the next at once, so
 * a backlog (after an outage, say) drains at the database's pace. Readers add unfolded deltas, so the interval
 * changes how many rows a Usage view reads, never its numbers.
 */
export function startUsageFold(): () => void {
  if (!timer) {
    let running = false;
    timer = setInterval(() => {
      if (running) return;
      running = true;
      void (async () => {
        let folded = LIMIT;
        while (folded === LIMIT) folded = await foldUsageDeltas({ limit: LIMIT });
      })()
        .catch((err: unknown) => logger.warn({ err }, "usage fold failed"))
        .finally(() => (running = false));
    }, EVERY_MS);
    timer.unref();
  }
  return () => {
    clearInterval(timer);
    timer = undefined;
  };
}
