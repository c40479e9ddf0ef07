// Aborted when the server's shutdown grace (SHUTDOWN_GRACE_MS) has run out with calls still in flight: they then
// answer at once (a stream ends with an error event, a call still waiting a 503 with Retry-After) instead of
// having their socket cut. scripts/serve.ts aborts it; it shares no module graph with the app (Next bundles
// it), so the controller lives on globalThis, like the shutdown hooks.
const globals = globalThis as typeof globalThis & { __darkroomShutdown?: AbortController };

/** The signal in-flight work listens to. */
export function getShutdownSignal(): AbortSignal {
  return (globals.__darkroomShutdown ??= new AbortController()).signal;
}

/** Tells every in-flight call the server is going away now. */
export function abortInFlightWork(): void {
  (globals.__darkroomShutdown ??= new AbortController()).abort(new Error("server shutting down"));
}
