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

export function createUpstreamCall(callerSignal: AbortSignal, totalTimeoutMs: number): UpstreamCall {
  const controller = new AbortController();
  let cause: AbortCause | undefined;

  function abort(next: AbortCause): void {
    if (cause) return;
    cause = next;
    controller.abort(next === "caller" ? callerAbortError() : new Error(`upstream request aborted (${next})`));
  }

  const onCallerAbort = () => abort("caller");
  const onShutdown = () => abort("shutdown");
  const shutdown = getShutdownSignal();
  callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  shutdown.addEventListener("abort", onShutdown, { once: true });
  const deadline = setTimeout(() => abort("deadline"), totalTimeoutMs);
  if (callerSignal.aborted) abort("caller");
  else if (shutdown.aborted) abort("shutdown");

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
      shutdown.removeEventListener("abort", onShutdown);
    },
  };
}
