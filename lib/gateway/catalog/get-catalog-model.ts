import "server-only";
import type { CatalogModel } from "./catalog-model";
import { processCatalog } from "./list-catalog-models";

/** The catalog model with this public id (enabled or not: check `usable`), or null. Cached for seconds. */
export function getCatalogModel(id: string): Promise<CatalogModel | null> {
  return processCatalog().get(id);
}
