import "server-only";
import { Agent } from "undici";
import { env } from "@/lib/env";

let agent: Agent | undefined;

/**
 * The one connection pool for every upstream call: keep-alive sockets are reused across requests, so the hot
 * path does no TLS handshake or DNS work. Timeouts are set per request (the relay's idle timeout), not here.
 */
export function getUpstreamAgent(): Agent {
  agent ??= new Agent({
    // Image generations hold a connection for minutes, so a pool smaller than the calls in flight would queue
    // the rest unseen for a whole generation. API calls are counted in front of the pool (takeUpstreamSlot)
    // and studio jobs by the worker's concurrency, so with this size no request ever waits for a connection.
    connections: env.UPSTREAM_MAX_CONNECTIONS + env.WORKER_CONCURRENCY,
    pipelining: 1,
    // Used when the upstream sends no Keep-Alive hint; its hint (minus undici's 2 s margin) wins, up to 60 s.
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: 10_000 },
  });
  return agent;
}
