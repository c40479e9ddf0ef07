import diagnosticsChannel from "node:diagnostics_channel";
import type { Socket } from "node:net";

/** What the wire saw of a failed upstream exchange; set on undici's error object as `error[UPSTREAM_EXCHANGE]`. */
export interface UpstreamExchange {
  /** The request was handed to a connection (so the provider may have it). */
  requestSent: true;
  /** Bytes came back on that connection after the request went out: the provider had started its answer. */
  answered: boolean;
}

export const UPSTREAM_EXCHANGE = Symbol("darkroom.upstreamExchange");

type Sent = { socket: Socket; bytesBefore: number };
const sent = new WeakMap<object, Sent>();
let watching = false;

/**
 * Marks every failed undici request with whether response bytes had arrived, counted on the socket itself.
 * undici's error alone cannot tell: a connection that breaks after the status line but before the headers are
 * complete fails exactly like one that broke before any answer (no status code, ECONNRESET or "other side
 * closed"), which is retryable; retrying it would pay for the generation again. `socket.bytesRead` counts what the
 * kernel handed over, whether or not undici got to parse it. undici publishes both events on Node's diagnostics
 * channels (its documented observation API), with the same request object in both. Idempotent.
 */
export function watchUpstreamExchanges(): void {
  if (watching) return;
  watching = true;
  diagnosticsChannel.subscribe("undici:client:sendHeaders", (message) => {
    const { request, socket } = message as { request: object; socket: Socket };
    sent.set(request, { socket, bytesBefore: socket.bytesRead });
  });
  diagnosticsChannel.subscribe("undici:request:error", (message) => {
    const { request, error } = message as { request: object; error: unknown };
    const exchange = sent.get(request);
    if (!exchange || typeof error !== "object" || error === null) return;
    const marked: UpstreamExchange = { requestSent: true, answered: exchange.socket.bytesRead > exchange.bytesBefore };
    (error as Record<symbol, unknown>)[UPSTREAM_EXCHANGE] = marked;
  });
}
