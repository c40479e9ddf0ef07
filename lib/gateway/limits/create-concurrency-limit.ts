// Hand-rolled rather than p-limit and friends: those only queue, and an API call must be refused at once when
// the limit is reached (a 503 the caller can retry beats an unseen wait), while a studio job may wait its turn.

export type ConcurrencySlot = { release(): void };

export type ConcurrencyLimit = {
  /** A slot now, or null when all are taken. */
  tryAcquire(): ConcurrencySlot | null;
  /** A slot once one is free (first come, first served); rejects with the signal's reason if it aborts first. */
  acquire(signal: AbortSignal): Promise<ConcurrencySlot>;
  readonly active: number;
};

export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  let active = 0;
  const waiters: (() => void)[] = [];

  function slot(): ConcurrencySlot {
    active += 1;
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        active -= 1;
        waiters.shift()?.();
      },
    };
  }

  return {
    get active() {
      return active;
    },
    tryAcquire: () => (active < max ? slot() : null),
    acquire(signal) {
      signal.throwIfAborted();
      if (active < max && waiters.length === 0) return Promise.resolve(slot());
      return new Promise((resolve, reject) => {
        const wake = () => {
          signal.removeEventListener("abort", onAbort);
          resolve(slot());
        };
        const onAbort = () => {
          const at = waiters.indexOf(wake);
          if (at >= 0) waiters.splice(at, 1);
          reject(signal.reason);
        };
        waiters.push(wake);
        signal.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
