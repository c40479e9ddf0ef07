import "server-only";
import { NotifiedCache, type CacheTicket } from "@/lib/db/notified-cache";
import type { NotificationListener } from "@/lib/db/notifications";
import { hashApiKey } from "./api-key-format";
import { lookupApiKey, type ResolvedApiKey } from "./lookup-api-key";

/** Revocations (and anything else that ends a key early) NOTIFY this channel with the key's hash. */
export const API_KEYS_CHANNEL = "darkroom_api_keys";

export type ApiKeyResolver = {
  /**
   * The key's details, or null for a malformed, unknown, revoked or expired key or one whose creator left.
   * `fresh` reads the database even on a cache hit (for paths with no later check of the key in the database).
   */
  resolve(rawKey: string, options?: { fresh?: boolean }): Promise<ResolvedApiKey | null>;
  /** Drops a key from this resolver's cache (the revoking process does this without waiting for NOTIFY). */
  invalidate(hash: string): void;
  close(): void;
};

export type ApiKeyResolverOptions = {
  listener: NotificationListener;
  ttlMs?: number;
  maxEntries?: number;
  lookup?: (hash: string) => Promise<ResolvedApiKey | null>;
  now?: () => number;
};

/**
 * A resolver with its own cache of working keys (by hash, ~30 s), emptied by NOTIFY from any instance. While
 * its listener is disconnected it reads the database every time, so a revocation is never missed. Unknown
 * keys are not cached: they would crowd out real ones.
 */
export function createApiKeyResolver(options: ApiKeyResolverOptions): ApiKeyResolver {
  const { listener, ttlMs = 30_000, maxEntries = 10_000, lookup = lookupApiKey, now = Date.now } = options;
  const cache = new NotifiedCache<ResolvedApiKey>({ listener, channel: API_KEYS_CHANNEL, ttlMs, maxEntries, now });

  // Concurrent misses for one key share a read, but only one started under the same ticket: after an
  // invalidation, or while the listener is away, every request reads for itself.
  const inflight = new Map<string, { ticket: CacheTicket; read: Promise<ResolvedApiKey | null> }>();

  async function load(hash: string, fresh: boolean): Promise<ResolvedApiKey | null> {
    const cached = fresh ? undefined : cache.get(hash);
    if (cached) return cached;
    const ticket = cache.ticket();
    const pending = fresh ? undefined : inflight.get(hash);
    if (pending && ticket.epoch !== null && pending.ticket.epoch === ticket.epoch && pending.ticket.version === ticket.version) {
      return pending.read;
    }
    const read = lookup(hash).then((found) => {
      if (found) cache.set(hash, found, ticket);
      return found;
    });
    inflight.set(hash, { ticket, read });
    try {
      return await read;
    } finally {
      if (inflight.get(hash)?.read === read) inflight.delete(hash);
    }
  }

  return {
    async resolve(rawKey, options) {
      const hash = hashApiKey(rawKey);
      if (!hash) return null;
      const key = await load(hash, options?.fresh === true);
      if (!key) return null;
      return key.expiresAt && key.expiresAt.getTime() <= now() ? null : key;
    },
    invalidate: (hash) => cache.delete(hash),
    close: () => cache.close(),
  };
}
