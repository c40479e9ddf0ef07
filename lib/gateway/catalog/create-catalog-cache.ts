import "server-only";
import { NotifiedCache } from "@/lib/db/notified-cache";
import type { NotificationListener } from "@/lib/db/notifications";
import type { CatalogModel } from "./catalog-model";
import { loadCatalogModels } from "./load-catalog-models";

/** setModel NOTIFYs this channel (payload: the model id); every instance drops its cached catalog. */
export const MODELS_CHANNEL = "darkroom_models";

export type CatalogCache = {
  list(): Promise<CatalogModel[]>;
  get(id: string): Promise<CatalogModel | null>;
  invalidate(): void;
  close(): void;
};

/**
 * The whole catalog (a dozen rows) cached as one entry for a few seconds, so an unknown model id costs no
 * query either. Any change to any model drops it.
 */
export function createCatalogCache(options: {
  listener: NotificationListener;
  ttlMs?: number;
  load?: () => Promise<CatalogModel[]>;
}): CatalogCache {
  const { listener, ttlMs = 5_000, load = loadCatalogModels } = options;
  const cache = new NotifiedCache<Map<string, CatalogModel>>({
    listener,
    channel: MODELS_CHANNEL,
    ttlMs,
    maxEntries: 1,
    keyOf: () => null,
  });

  async function byId(): Promise<Map<string, CatalogModel>> {
    const cached = cache.get("catalog");
    if (cached) return cached;
    const ticket = cache.ticket();
    const models = new Map((await load()).map((m) => [m.id, m]));
    cache.set("catalog", models, ticket);
    return models;
  }

  return {
    list: async () => [...(await byId()).values()],
    get: async (id) => (await byId()).get(id) ?? null,
    invalidate: () => cache.clear(),
    close: () => cache.close(),
  };
}
