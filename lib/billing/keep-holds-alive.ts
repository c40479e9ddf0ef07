import "server-only";
import { getPool } from "@/lib/db/client";

// Holds of work that is still running are touched periodically, so the sweeper (which releases holds left
// by crashed processes) never takes a live one. One timer per process batches every live hold. A hold may be
// kept alive by several parts of the same work at once (a studio job and the relay it runs), so each keeper is
// counted and the hold leaves the beat when the last one stops.
type Keeper = { onLost?: () => void };
const live = new Map<string, Set<Keeper>>();
let timer: NodeJS.Timeout | undefined;

export function heartbeatIntervalMs(holdExpiryMs: number): number {
  return Math.max(1000, Math.min(60_000, Math.floor(holdExpiryMs / 4)));
}

async function beat(): Promise<void> {
  if (live.size === 0) return;
  const ids = [...live.keys()];
  let alive: Set<string>;
  try {
    const { rows } = await getPool().query<{ id: string }>(
      `UPDATE holds SET heartbeat_at = now() WHERE id = ANY($1::uuid[]) AND status = 'open' RETURNING id`,
      [ids],
    );
    alive = new Set(rows.map((r) => r.id));
  } catch {
    return; // a missed beat is retried next interval; expiry is minutes away
  }
  // A hold the beat no longer finds open was closed under the work (the sweeper released it): nobody pays for
  // what the work does from here, so its keepers are told to stop.
  for (const id of ids) {
    if (alive.has(id)) continue;
    const keepers = live.get(id);
    live.delete(id);
    for (const keeper of keepers ?? []) keeper.onLost?.();
  }
  stopTimerIfIdle();
}

function stopTimerIfIdle(): void {
  if (live.size === 0 && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}

/**
 * Keeps the hold alive until the returned function is called. `onLost` runs (once) when a beat finds the hold
 * no longer open.
 */
export function keepHoldAlive(holdId: string, holdExpiryMs: number, onLost?: () => void): () => void {
  const keeper: Keeper = { onLost };
  let keepers = live.get(holdId);
  if (!keepers) live.set(holdId, (keepers = new Set()));
  keepers.add(keeper);
  if (!timer) {
    timer = setInterval(() => void beat(), heartbeatIntervalMs(holdExpiryMs));
    timer.unref();
  }
  return () => {
    const current = live.get(holdId);
    current?.delete(keeper);
    if (current?.size === 0) live.delete(holdId);
    stopTimerIfIdle();
  };
}
