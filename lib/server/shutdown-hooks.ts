// Work the app registers to finish before the process exits (stop taking jobs, close the LISTEN connection).
// scripts/serve.ts runs these after draining requests and before stopping the database; it shares no module
// graph with the app (Next bundles it), so the hooks meet on globalThis.
type ShutdownHook = () => Promise<void>;

const globals = globalThis as typeof globalThis & { __darkroomShutdownHooks?: ShutdownHook[] };

export function onShutdown(hook: ShutdownHook): void {
  (globals.__darkroomShutdownHooks ??= []).push(hook);
}

/** Runs every hook once, each bounded in time; errors never stop the others. */
export async function runShutdownHooks(timeoutMs = 5000): Promise<void> {
  const hooks = globals.__darkroomShutdownHooks?.splice(0) ?? [];
  await Promise.all(
    hooks.map((hook) =>
      Promise.race([hook().catch(() => {}), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())]),
    ),
  );
}
