import { GatewayError } from "@/lib/gateway/gateway-error";

/** Why the upstream request was aborted: the caller left, or the total deadline passed. */
export type AbortCause = "caller" | "deadline";

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
  callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  const deadline = setTimeout(() => abort("deadline"), totalTimeoutMs);
  if (callerSignal.aborted) abort("caller");

  return {
    signal: controller.signal,
    get cause() {
      return cause;
    },
    abort,
    abortError() {
      if (cause === "deadline") return new GatewayError("upstream_timeout", "The upstream provider did not answer in time.");
      return callerAbortError();
    },
    dispose() {
      clearTimeout(deadline);
      callerSignal.removeEventListener("abort", onCallerAbort);
    },
  };
}
