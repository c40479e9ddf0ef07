import "server-only";

// Each running export holds a database connection (its snapshot) for as long as its client reads, so a process
// runs only a few at once and refuses the rest (429) rather than letting downloads take the whole pool.
const MAX_EXPORTS_PER_PROCESS = 2;
const globals = globalThis as typeof globalThis & { __darkroomExports?: { running: number } };
const state = (globals.__darkroomExports ??= { running: 0 });

/**
 * Wraps an export's chunks so it counts as running until it ends, fails or its client goes away; null when this
 * process already runs as many as it allows.
 */
export function takeExportSlot(chunks: AsyncGenerator<string>): AsyncGenerator<string> | null {
  if (state.running >= MAX_EXPORTS_PER_PROCESS) return null;
  state.running++;
  let released = false;
  const release = () => {
    if (!released) state.running--;
    released = true;
  };
  return (async function* () {
    try {
      yield* chunks;
    } finally {
      release();
    }
  })();
}
