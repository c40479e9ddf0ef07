/**
 * Counts what each key (a user, say) holds open in this process. `acquire` returns the release function of a new
 * slot, idempotent, or null when the key already holds `limit()` of them. The limit is read at each call so a
 * test or an operator's env change applies to the next acquire.
 */
export function createKeyedSlots(limit: () => number): (key: string) => (() => void) | null {
  const open = new Map<string, number>();
  return (key) => {
    const count = open.get(key) ?? 0;
    if (count >= limit()) return null;
    open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    };
  };
}
