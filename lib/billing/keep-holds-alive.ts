import "server-only";
import { getPool } from "@/lib/db/client";

// Holds of work that is still running are touched periodically, so the sweeper (which releases holds left
// by crashed processes) never takes a live one. One timer per process batches every live hold.
const live = new Set<string>();
let timer: NodeJS.Timeout | undefined;

export function heartbeatIntervalMs(holdExpiryMs: number): number {
  return Math.max(1000, Math.min(60_000, Math.floor(holdExpiryMs / 4)));
}

async function beat(): Promise<void> {
  if (live.size === 0) return;
  await getPool()
    .query(`UPDATE holds SET heartbeat_at = now() WHERE id = ANY($1::uuid[]) AND status = 'open'`, [[...live]])
    .catch(() => {}); // a missed beat is retried next interval; expiry is minutes away
}

/** Keeps the hold alive until the returned function is called. */
export function keepHoldAlive(holdId: string, holdExpiryMs: number): () => void {
  live.add(holdId);
  if (!timer) {
    timer = setInterval(() => void beat(), heartbeatIntervalMs(holdExpiryMs));
    timer.unref();
  }
  return () => {
    live.delete(holdId);
    if (live.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
