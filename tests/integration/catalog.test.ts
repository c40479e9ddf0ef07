import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createNotificationListener } from "@/lib/db/notifications";
import { env } from "@/lib/env";
import type { CatalogModel } from "@/lib/gateway/catalog/catalog-model";
import { createCatalogCache, MODELS_CHANNEL } from "@/lib/gateway/catalog/create-catalog-cache";
import { getCatalogModel } from "@/lib/gateway/catalog/get-catalog-model";
import { invalidateCachedCatalog, listCatalogModels } from "@/lib/gateway/catalog/list-catalog-models";
import { loadCatalogModels } from "@/lib/gateway/catalog/load-catalog-models";
import { setModel } from "@/lib/gateway/catalog/set-model";
import { SEED_CATALOG } from "../factories/models";

const opened: Array<{ close(): unknown }> = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

// Tests run in parallel on one database: change only models made here, never the seeded ones.
async function seedModel(overrides: { provider?: "local" | "upstream" } = {}) {
  const id = `test-model-${randomUUID().slice(0, 8)}`;
  await db.model.create({ data: { id, displayName: `Test ${id}`, provider: overrides.provider ?? "local", perRequest: 1, perImage: 2 } });
  invalidateCachedCatalog(); // models are only ever added by migrations; here the cache must learn of it
  return id;
}

describe("model catalog", () => {
  it("starts with the seeded models, the offline one usable without an upstream", async () => {
    const models = await listCatalogModels();
    expect(models.map((m) => m.id)).toEqual(
      expect.arrayContaining([...SEED_CATALOG]),
    );
    expect(await getCatalogModel("darkroom-local")).toEqual<CatalogModel>({
      id: "darkroom-local",
      displayName: "Darkroom Local (offline)",
      provider: "local",
      upstreamName: "darkroom-local",
      description: expect.stringContaining("without a provider"),
      typicalSeconds: 1,
      usable: true,
      prices: { perRequest: 1, perImage: 1, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 },
      createdAt: expect.any(Date),
    });
    const upstream = await getCatalogModel("gpt-image-1");
    expect(upstream).toMatchObject({ provider: "upstream", upstreamName: "gpt-image-1", usable: Boolean(env.UPSTREAM_BASE_URL) });
    expect(await getCatalogModel("no-such-model")).toBeNull();
  });

  it("validates changes: non-negative whole numbers, something to change, a known model", async () => {
    const id = await seedModel();
    for (const bad of [{ perImage: -1 }, { perRequest: 1.5 }, { tokenCeiling: Number.NaN }, { per1kPrompt: 2 ** 31 }]) {
      await expect(setModel({ id, ...bad }), JSON.stringify(bad)).rejects.toMatchObject({ code: "invalid_input" });
    }
    await expect(setModel({ id })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(setModel({ id: "no-such-model", perImage: 1 })).rejects.toMatchObject({ code: "not_found", message: "Unknown model: no-such-model" });
    expect((await getCatalogModel(id))?.prices).toMatchObject({ perRequest: 1, perImage: 2 });
  });

  it("applies a change at once in this process and through NOTIFY in another", async () => {
    const id = await seedModel();
    const listener = createNotificationListener({ connectionString: process.env.DATABASE_URL! });
    let loads = 0;
    const other = createCatalogCache({
      listener,
      ttlMs: 60_000,
      load: () => {
        loads++;
        return loadCatalogModels();
      },
    });
    opened.push(other, listener);
    await listener.ready(MODELS_CHANNEL);
    expect((await other.get(id))?.prices.perImage).toBe(2);
    expect((await getCatalogModel(id))?.prices.perImage).toBe(2);
    await other.get(id);
    expect(loads).toBe(1);

    await setModel({ id, perImage: 7, per1kCompletion: 3, upstreamName: "provider-name", enabled: false });
    expect(await getCatalogModel(id)).toMatchObject({
      upstreamName: "provider-name",
      usable: false,
      prices: { perRequest: 1, perImage: 7, per1kPrompt: 0, per1kCompletion: 3, tokenCeiling: 4096 },
    });
    await expect.poll(async () => (await other.get(id))?.prices.perImage).toBe(7);

    await setModel({ id, upstreamName: "", enabled: true });
    expect(await getCatalogModel(id)).toMatchObject({ upstreamName: id, usable: true, prices: { perImage: 7 } });
    // The studio picker's facts live in the catalog too.
    await setModel({ id, description: "  Quick edits.  ", typicalSeconds: 12 });
    expect(await getCatalogModel(id)).toMatchObject({ description: "Quick edits.", typicalSeconds: 12, prices: { perImage: 7 } });
    await expect(setModel({ id, typicalSeconds: 0 })).rejects.toThrow(/typicalSeconds/);
    const audit = await db.auditLog.findMany({ where: { action: "model.updated", target: id }, orderBy: { createdAt: "asc" } });
    expect(audit).toHaveLength(3);
  });

  it("marks an enabled upstream model usable only when an upstream is configured", async () => {
    const id = await seedModel({ provider: "upstream" });
    expect((await getCatalogModel(id))?.usable).toBe(Boolean(env.UPSTREAM_BASE_URL));
  });
});
