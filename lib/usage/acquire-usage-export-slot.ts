import "server-only";
import { createKeyedSlots } from "@/lib/limits/create-keyed-slots";

// Each export holds one database connection (its snapshot) for as long as the browser takes to download it, so
// one account may run only a couple at once per process: enough for two tabs, never the whole pool.
export const USAGE_EXPORTS_PER_USER = 2;

/** A release function for a new export of this user, or null when they already run USAGE_EXPORTS_PER_USER. */
export const acquireUsageExportSlot: (userId: string) => (() => void) | null = createKeyedSlots(() => USAGE_EXPORTS_PER_USER);
