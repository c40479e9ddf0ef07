import "server-only";
import { env } from "@/lib/env";
import { createKeyedSlots } from "@/lib/limits/create-keyed-slots";

// Open progress streams per user, in this process. A page opens at most three (stream-slots.ts); the cap leaves
// room for a few tabs while one account cannot hold thousands of connections and LISTEN callbacks open.

/** A release function for a new stream of this user, or null when they already have JOB_STREAMS_PER_USER open. */
export const acquireJobStreamSlot: (userId: string) => (() => void) | null = createKeyedSlots(() => env.JOB_STREAMS_PER_USER);
