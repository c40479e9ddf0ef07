import "server-only";
import { env } from "@/lib/env";

/** How the relay reaches the upstream and how patient it is. Defaults come from the environment. */
export interface RelayConfig {
  /** `UPSTREAM_BASE_URL`, e.g. `https://provider.example/v1` (no trailing slash needed). */
  baseUrl: string;
  /** `UPSTREAM_API_KEY`: Darkroom's own key, never the caller's. */
  apiKey: string;
  /** `STREAM_COMMIT_MS`: how long a stream request waits for upstream headers before committing the 200. */
  commitMs: number;
  /** `UPSTREAM_IDLE_TIMEOUT_MS`: silence (waiting for headers, or between body bytes) before giving up. */
  idleTimeoutMs: number;
  /** `UPSTREAM_TIMEOUT_MS`: the whole exchange, retries included. */
  totalTimeoutMs: number;
  /** Retries before the first byte is relayed (default 2). */
  maxRetries: number;
  /** Longest silence towards the caller of a committed stream before a `: keep-alive` comment (default 15 s). */
  keepAliveMs: number;
  /** First backoff step; attempt n waits about retryBaseMs·2^n (default 200 ms). */
  retryBaseMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails instead (default 10 s). */
  maxRetryAfterMs: number;
  /** Largest non-stream body accepted from the upstream (default 64 MiB). */
  maxBodyBytes: number;
}

/** The configuration from the environment, with `overrides` on top (tests pass small timeouts). */
export function resolveRelayConfig(overrides: Partial<RelayConfig> = {}): RelayConfig {
  const config: RelayConfig = {
    baseUrl: env.UPSTREAM_BASE_URL ?? "",
    apiKey: env.UPSTREAM_API_KEY ?? "",
    commitMs: env.STREAM_COMMIT_MS,
    idleTimeoutMs: env.UPSTREAM_IDLE_TIMEOUT_MS,
    totalTimeoutMs: env.UPSTREAM_TIMEOUT_MS,
    maxRetries: 2,
    keepAliveMs: 15_000,
    retryBaseMs: 200,
    maxRetryAfterMs: 10_000,
    maxBodyBytes: 64 * 1024 * 1024,
    ...overrides,
  };
  // A deployment error, not the caller's or the provider's: it surfaces as a 500 and in the logs.
  if (!config.baseUrl) throw new Error("UPSTREAM_BASE_URL is not configured");
  return { ...config, baseUrl: config.baseUrl.replace(/\/+$/, "") };
}
