import "server-only";
import { createKeyedSlots } from "@/lib/limits/create-keyed-slots";

// Each running export holds a database connection (its snapshot) for as long as its client reads, so a process
// runs only a few at once and refuses the rest (429) rather than letting downloads take the whole pool.
const MAX_EXPORTS_PER_PROCESS = 2;
// One key: the limit is per process, not per admin. On globalThis so every bundle that imports this shares it.
const PROCESS = "process";
const globals = globalThis as typeof globalThis & { __darkroomExportSlots?: ReturnType<typeof createKeyedSlots> };
const acquire = (globals.__darkroomExportSlots ??= createKeyedSlots(() => MAX_EXPORTS_PER_PROCESS));

/**
 * Wraps an export's chunks so it counts as running until it ends, fails or its client goes away; null when this
 * process already runs as many as it allows.
 */
export function takeExportSlot<T>(chunks: AsyncGenerator<T>): AsyncGenerator<T> | null {
  const release = acquire(PROCESS);
  if (!release) return null;
  return (async function* () {
    try {
      yield* chunks;
    } finally {
      release();
    }
  })();
}
