import "server-only";
import { Agent } from "undici";
import { env } from "@/lib/env";
import { watchUpstreamExchanges } from "./watch-upstream-exchanges";

let agent: Agent | undefined;

/**
 * The one connection pool for every upstream call: keep-alive sockets are reused across requests, so the hot
 * path does no TLS handshake or DNS work. Timeouts are set per request (the relay's idle timeout), not here.
 */
export function getUpstreamAgent(): Agent {
  watchUpstreamExchanges(); // before the first request, so every failure can be told apart (see there)
  agent ??= new Agent({
    // Image generations hold a connection for minutes, so a pool smaller than the calls in flight would queue
    // the rest unseen for a whole generation. API calls are counted in front of the pool (takeUpstreamSlot)
    // and studio jobs by the worker's concurrency, so with this size no request ever waits for a connection.
    connections: env.UPSTREAM_MAX_CONNECTIONS + env.WORKER_CONCURRENCY,
    pipelining: 1,
    // A request written to a keep-alive socket the provider is closing at that moment fails after it was sent,
    // and such failures are never retried (the provider may have taken it: see classify-upstream-failure.ts). So
    // an idle socket is dropped before common servers drop it: 4 s without a Keep-Alive hint, under Node's and
    // uvicorn's 5 s, ALB's 60 s and nginx's 75 s; with a hint, its timeout minus undici's 2 s margin, up to 60 s.
    // A socket the client already saw close is never reused. A new connection costs little beside a generation.
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: 10_000 },
  });
  return agent;
}
