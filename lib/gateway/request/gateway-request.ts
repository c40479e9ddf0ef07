/**
 * What the gateway reads of an HTTP request. A web `Request` has all of it; scripts/serve.ts's direct path
 * (scripts/server/serve-direct-route.ts) hands over just this, because undici's `Request` constructor copies the
 * headers again, follows the signal with one of its own and wraps the body up front: a visible share of the CPU of
 * a burst of calls, and memory each call keeps while its generation runs.
 */
export type GatewayRequest = Pick<Request, "headers" | "body" | "signal">;
