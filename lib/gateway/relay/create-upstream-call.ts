import { GatewayError } from "@/lib/gateway/gateway-error";
import { getShutdownSignal } from "@/lib/server/shutdown-signal";

/** Why the upstream request was aborted: the caller left, the total deadline passed, or the server's shutdown grace ran out. */
export type AbortCause = "caller" | "deadline" | "shutdown";

/** Seconds a caller cut off by a restart is told to wait: another instance (or this one, restarted) takes it. */
export const RESTART_RETRY_AFTER_SECONDS = 5;

/** What a call still in flight when the shutdown grace ends answers with (a 503, or a stream's last event). */
export function restartingError(): GatewayError {
  return new GatewayError("service_unavailable", "The server is restarting; retry the request in a few seconds.", {
    retryAfterSeconds: RESTART_RETRY_AFTER_SECONDS,
  });
}

/** The lifetime of one relayed call: one abort signal for every attempt, tied to the caller and the deadline. */
export interface UpstreamCall {
  /** Aborted on any cause; given to every upstream request and wait. */
  readonly signal: AbortSignal;
  readonly cause: AbortCause | undefined;
  abort(cause: AbortCause): void;
  /** The error a pre-commit path rejects with, for the current cause. */
  abortError(): Error;
  /** Stops the deadline timer and lets go of the caller's signal. Idempotent. */
  dispose(): void;
}

/** What the relay rejects with when the caller left before the 200 was committed: the route just releases. */
export function callerAbortError(): Error {
  return new DOMException("The caller went away before the response started", "AbortError");
}

// The calls in flight, by the shutdown signal that aborts them, and one listener on that signal for all of them.
// One listener per call made every call pay for all the others: EventTarget.addEventListener compares a new
// listener with each one the signal already has, so a burst of 2,000 calls spent O(n²) comparisons there (1.4% of
// the app's CPU during the long-generations benchmark's burst). A WeakMap, so a copy of this module in another
// bundle keeps its own set (and adds its own one listener).
const callsByShutdown = new WeakMap<AbortSignal, Set<() => void>>();

/** Runs `onShutdown` when the server's shutdown grace ends; returns the function that stops watching. */
function watchShutdown(onShutdown: () => void): () => void {
  const shutdown = getShutdownSignal();
  let calls = callsByShutdown.get(shutdown);
  if (!calls) {
    const all = new Set<() => void>();
    calls = all;
    callsByShutdown.set(shutdown, all);
    shutdown.addEventListener(
      "abort",
      () => {
        for (const abort of [...all]) abort();
        all.clear();
      },
      { once: true },
    );
  }
  const watched = calls;
  watched.add(onShutdown);
  return () => void watched.delete(onShutdown);
}

export function createUpstreamCall(callerSignal: AbortSignal, totalTimeoutMs: number): UpstreamCall {
  const controller = new AbortController();
  let cause: AbortCause | undefined;

  function abort(next: AbortCause): void {
    if (cause) return;
    cause = next;
    controller.abort(next === "caller" ? callerAbortError() : new Error(`upstream request aborted (${next})`));
  }

  const onCallerAbort = () => abort("caller");
  callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  const unwatchShutdown = watchShutdown(() => abort("shutdown"));
  const deadline = setTimeout(() => abort("deadline"), totalTimeoutMs);
  if (callerSignal.aborted) abort("caller");
  else if (getShutdownSignal().aborted) abort("shutdown");

  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    abort,
    abortError() {
      if (cause === "deadline") return new GatewayError("upstream_timeout", "The upstream provider did not answer in time.");
      if (cause === "shutdown") return restartingError();
      return callerAbortError();
    },
    dispose() {
      clearTimeout(deadline);
      callerSignal.removeEventListener("abort", onCallerAbort);
      unwatchShutdown();
    },
  };
}
