import "server-only";
import { Agent } from "undici";
import { watchUpstreamExchanges } from "./watch-upstream-exchanges";

let agent: Agent | undefined;

/**
 * The one connection pool for every upstream call: keep-alive sockets are reused across requests, so the hot
 * path does no TLS handshake or DNS work. Timeouts are set per request (the relay's idle timeout), not here.
 */
export function getUpstreamAgent(): Agent {
  watchUpstreamExchanges(); // before the first request, so every failure can be told apart (see there)
  agent ??= new Agent({
    // Image generations hold a connection for minutes; several hundred may run at once.
    connections: 512,
    pipelining: 1,
    // Used when the upstream sends no Keep-Alive hint; its hint (minus undici's 2 s margin) wins, up to 60 s.
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: 10_000 },
  });
  return agent;
}
