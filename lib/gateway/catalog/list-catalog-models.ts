import "server-only";
import { getNotificationListener } from "@/lib/db/notifications";
import type { CatalogModel } from "./catalog-model";
import { createCatalogCache, type CatalogCache } from "./create-catalog-cache";

const globals = globalThis as typeof globalThis & { __darkroomCatalog?: CatalogCache };

/** This process's catalog cache (shared by getCatalogModel and listCatalogModels). */
export function processCatalog(): CatalogCache {
  globals.__darkroomCatalog ??= createCatalogCache({ listener: getNotificationListener() });
  return globals.__darkroomCatalog;
}

/** Drops this process's cached catalog at once (other processes hear the NOTIFY). */
export function invalidateCachedCatalog(): void {
  globals.__darkroomCatalog?.invalidate();
}

/** Every catalog model, enabled or not (see `usable`), local model first, then by name. */
export function listCatalogModels(): Promise<CatalogModel[]> {
  return processCatalog().list();
}
