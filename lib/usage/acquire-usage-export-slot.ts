import "server-only";

// Each export holds one database connection (its snapshot) for as long as the browser takes to download it, so
// one account may run only a couple at once per process: enough for two tabs, never the whole pool.
export const USAGE_EXPORTS_PER_USER = 2;

const open = new Map<string, number>();

/** A release function for a new export of this user, or null when they already run USAGE_EXPORTS_PER_USER. */
export function acquireUsageExportSlot(userId: string): (() => void) | null {
  const count = open.get(userId) ?? 0;
  if (count >= USAGE_EXPORTS_PER_USER) return null;
  open.set(userId, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(userId) ?? 1) - 1;
    if (left <= 0) open.delete(userId);
    else open.set(userId, left);
  };
}
