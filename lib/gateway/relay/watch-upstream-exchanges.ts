import diagnosticsChannel from "node:diagnostics_channel";
import type { Socket } from "node:net";

/**
 * How far a failed upstream exchange got, as the wire saw it:
 * - `connect`: no connection was made (refused, DNS, TLS, connect timeout): the provider has nothing.
 * - `sending`: a connection was made but the request was not all handed to it: the provider cannot have it whole.
 * - `sent`: the whole request was written; nothing came back. The provider may be generating it (a paid call).
 * - `answered`: bytes came back after the request went out: the provider had started its answer.
 */
export type ExchangeStage = "connect" | "sending" | "sent" | "answered";

/** Set on undici's error object as `error[UPSTREAM_EXCHANGE]`. */
export interface UpstreamExchange {
  stage: ExchangeStage;
}

export const UPSTREAM_EXCHANGE = Symbol("darkroom.upstreamExchange");

type Sent = { socket: Socket; bytesBefore: number; bodySent: boolean };
const sent = new WeakMap<object, Sent>();
let watching = false;

function mark(error: unknown, stage: ExchangeStage): void {
  if (typeof error !== "object" || error === null) return;
  const exchange: UpstreamExchange = { stage };
  (error as Record<symbol, unknown>)[UPSTREAM_EXCHANGE] = exchange;
}

/**
 * Marks every failed undici request with how far it got (see ExchangeStage), because undici's error alone cannot
 * tell: a reset after the provider took the request, or after its status line, fails exactly like a reset of a
 * connection that never carried it (ECONNRESET or "other side closed"). The relay retries only `connect` and
 * `sending`: anything later may already be a paid generation at the provider (issue 8: a provider that answered
 * and closed in the same tick was asked three times).
 *
 * undici publishes these on Node's diagnostics channels, its documented observation API, with the same request
 * object throughout: `undici:client:connectError` (with the very error its queued requests then fail with),
 * `undici:client:sendHeaders` (the request is handed to a socket), `undici:request:bodySent` (the whole body has
 * been written to that socket; for the relay's Buffer bodies in the same tick as the headers, so a connection
 * that took the request is treated as having it: a failed upload is not retried rather than risk paying twice)
 * and `undici:request:error`. "Bytes came back" is `socket.bytesRead`, what the kernel handed over whether or
 * not undici got to parse it. Idempotent.
 */
export function watchUpstreamExchanges(): void {
  if (watching) return;
  watching = true;
  diagnosticsChannel.subscribe("undici:client:connectError", (message) => {
    mark((message as { error: unknown }).error, "connect");
  });
  diagnosticsChannel.subscribe("undici:client:sendHeaders", (message) => {
    const { request, socket } = message as { request: object; socket: Socket };
    sent.set(request, { socket, bytesBefore: socket.bytesRead, bodySent: false });
  });
  diagnosticsChannel.subscribe("undici:request:bodySent", (message) => {
    const exchange = sent.get((message as { request: object }).request);
    if (exchange) exchange.bodySent = true;
  });
  diagnosticsChannel.subscribe("undici:request:error", (message) => {
    const { request, error } = message as { request: object; error: unknown };
    const exchange = sent.get(request);
    if (!exchange) return; // never handed to a socket: a connect failure, marked above (or by its code)
    const answered = exchange.socket.bytesRead > exchange.bytesBefore;
    mark(error, answered ? "answered" : exchange.bodySent ? "sent" : "sending");
  });
}
