import "server-only";
import { env } from "@/lib/env";

// Open progress streams per user, in this process. A page opens at most three (stream-slots.ts); the cap leaves
// room for a few tabs while one account cannot hold thousands of connections and LISTEN callbacks open.
const open = new Map<string, number>();

/** A release function for a new stream of this user, or null when they already have JOB_STREAMS_PER_USER open. */
export function acquireJobStreamSlot(userId: string): (() => void) | null {
  const count = open.get(userId) ?? 0;
  if (count >= env.JOB_STREAMS_PER_USER) return null;
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
