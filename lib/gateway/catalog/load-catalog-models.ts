import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { CatalogModel } from "./catalog-model";

/** Every model of the catalog, read from the database (callers go through the cache). */
export async function loadCatalogModels(): Promise<CatalogModel[]> {
  const rows = await db.model.findMany({ orderBy: [{ provider: "desc" }, { displayName: "asc" }] });
  const upstreamConfigured = Boolean(env.UPSTREAM_BASE_URL);
  return rows.map((row) =>
    Object.freeze({
      id: row.id,
      displayName: row.displayName,
      provider: row.provider,
      upstreamName: row.upstreamName || row.id,
      description: row.description,
      typicalSeconds: row.typicalSeconds,
      usable: row.enabled && (row.provider === "local" || upstreamConfigured),
      prices: Object.freeze({
        perRequest: row.perRequest,
        perImage: row.perImage,
        per1kPrompt: row.per1kPrompt,
        per1kCompletion: row.per1kCompletion,
        tokenCeiling: row.tokenCeiling,
      }),
      createdAt: row.createdAt,
    }),
  );
}
