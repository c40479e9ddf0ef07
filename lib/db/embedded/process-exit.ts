import type { EmbeddedPostgres } from "../embedded-postgres";

export interface ProcessExitOptions {
  /** Signals on which to stop and then die as the signal would have; [] to only cover `exit`. */
  signals?: NodeJS.Signals[];
}

/**
 * Stops `target` when the process ends. On each signal it awaits stop() and then, unless another
 * listener handles that signal, re-raises it. On `exit` (no async work possible) it only signals
 * the postmaster. A server with its own shutdown sequence passes `signals: []` and calls stop()
 * itself after draining. Returns a function that removes the handlers.
 */
export function onProcessExit(
  target: Pick<EmbeddedPostgres, "stop" | "kill">,
  { signals = ["SIGINT", "SIGTERM", "SIGHUP"] }: ProcessExitOptions = {},
): () => void {
  const onExit = () => target.kill();
  const onSignal = (signal: NodeJS.Signals) => {
    dispose();
    void target
      .stop()
      .catch(() => target.kill())
      .finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  };
  const dispose = () => {
    process.removeListener("exit", onExit);
    for (const signal of signals) process.removeListener(signal, onSignal);
  };
  process.once("exit", onExit);
  for (const signal of signals) process.once(signal, onSignal);
  return dispose;
}
