import "server-only";
import { env } from "@/lib/env";
import { GatewayError } from "../gateway-error";

// A refused caller is told to come back after roughly this long: image calls take tens of seconds, so slots free
// up on that scale; sooner would mostly be refused again.
const RETRY_AFTER_SECONDS = 10;

let inFlight = 0;

/**
 * Takes one of the process's `UPSTREAM_MAX_CONNECTIONS` upstream slots for a call, before it is admitted. When
 * all are taken the call is refused at once (503, `Retry-After`): nothing is charged and nothing is sent
 * upstream, instead of the call waiting unseen in the connection pool behind calls that last minutes. The
 * pool itself is sized so that a call holding a slot never waits for a connection (getUpstreamAgent).
 * Returns the release function (idempotent).
 */
export function takeUpstreamSlot(): () => void {
  if (inFlight >= env.UPSTREAM_MAX_CONNECTIONS) {
    throw new GatewayError("service_unavailable", "Darkroom is at capacity for model calls right now. Please retry shortly.", {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
  inFlight++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    inFlight--;
  };
}
