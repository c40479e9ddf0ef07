import { describe, expect, it } from "vitest";
import { getAdjacentAssets } from "@/lib/gallery/get-adjacent-assets";
import { listGalleryAssets } from "@/lib/gallery/list-gallery-assets";
import { listGalleryFilterOptions } from "@/lib/gallery/list-gallery-filter-options";
import { galleryFiltersSchema } from "@/lib/gallery/schemas";
import { seedMember } from "../factories/api-keys";
import { seedAsset, seedEdit } from "../factories/gallery";
import { seedUser } from "../factories/users";

const at = (iso: string) => new Date(iso);

/** The gallery's order, computed independently: created_at DESC, then id DESC (uuid text order = byte order). */
function expectedOrder(assets: { id: string; createdAt: Date }[]): string[] {
  return [...assets].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((a) => a.id);
}

async function walk(userId: string, slug: string, options: Parameters<typeof listGalleryAssets>[2] = {}) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = await listGalleryAssets({ userId }, slug, { ...options, cursor });
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return { ids, pages: pages + 1 };
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("gallery listing", () => {
  it("pages newest first through equal timestamps with no duplicates or gaps", async () => {
    const owner = await seedUser();
    const ws = owner.workspaceId;
    // Five images share one millisecond: any page boundary inside them must still be exact.
    const same = at("2026-03-01T10:00:00.000Z");
    const assets = [
      ...(await Promise.all(Array.from({ length: 5 }, () => seedAsset({ workspaceId: ws, createdById: owner.userId, createdAt: same })))),
      await seedAsset({ workspaceId: ws, createdById: owner.userId, createdAt: at("2026-03-02T00:00:00.000Z") }),
      await seedAsset({ workspaceId: ws, createdById: owner.userId, createdAt: at("2026-02-01T00:00:00.000Z") }),
      await seedAsset({ workspaceId: ws, createdById: owner.userId, createdAt: at("2026-02-01T00:00:00.001Z") }),
    ];
    const expected = expectedOrder(assets);
    for (const limit of [1, 2, 3, 4, 7, 8, 48]) {
      const { ids, pages } = await walk(owner.userId, owner.workspaceSlug, { limit });
      expect(ids).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
    }
  });

  it("keeps a cursor stable while newer images arrive", async () => {
    const owner = await seedUser();
    const ws = owner.workspaceId;
    const old = await Promise.all([1, 2, 3, 4].map((d) => seedAsset({ workspaceId: ws, createdAt: at(`2026-01-0${d}T00:00:00Z`) })));
    const first = await listGalleryAssets({ userId: owner.userId }, owner.workspaceSlug, { limit: 2 });
    await seedAsset({ workspaceId: ws, createdAt: at("2026-05-01T00:00:00Z") });
    const second = await listGalleryAssets({ userId: owner.userId }, owner.workspaceSlug, { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(expectedOrder(old));
    expect(second.nextCursor).toBeNull();
  });

  it("returns what a thumbnail needs, with the creator's name and the thumbnail URL", async () => {
    const owner = await seedUser({ name: "Ada Lovelace" });
    const asset = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, kind: "result", model: "gpt-image-1" });
    const { items } = await listGalleryAssets({ userId: owner.userId }, owner.workspaceSlug.toUpperCase());
    expect(items).toEqual([
      {
        id: asset.id,
        thumbUrl: `/api/files/${asset.id}?thumb=1`,
        width: 640,
        height: 480,
        kind: "result",
        model: "gpt-image-1",
        modelName: "GPT Image 1",
        prompt: null,
        originalName: null,
        createdAt: asset.createdAt,
        creatorId: owner.userId,
        creatorName: "Ada Lovelace",
      },
    ]);
  });

  it("filters by model, creator and UTC date range (both ends included), also combined", async () => {
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId);
    const ws = owner.workspaceId;
    const a = await seedAsset({ workspaceId: ws, createdById: owner.userId, kind: "result", model: "m-one", createdAt: at("2026-04-01T00:00:00Z") });
    const b = await seedAsset({ workspaceId: ws, createdById: member.userId, kind: "result", model: "m-two", createdAt: at("2026-04-02T23:59:59.999Z") });
    const c = await seedAsset({ workspaceId: ws, createdById: member.userId, kind: "result", model: "m-one", createdAt: at("2026-04-03T00:00:00Z") });
    const d = await seedAsset({ workspaceId: ws, createdById: owner.userId, kind: "upload", createdAt: at("2026-03-31T23:59:59.999Z") });
    const list = async (filters: Parameters<typeof listGalleryAssets>[2]) =>
      (await listGalleryAssets({ userId: owner.userId }, owner.workspaceSlug, filters)).items.map((i) => i.id);

    expect(await list({ model: "m-one" })).toEqual([c.id, a.id]);
    expect(await list({ creatorId: member.userId })).toEqual([c.id, b.id]);
    expect(await list({ from: "2026-04-01", to: "2026-04-02" })).toEqual([b.id, a.id]);
    expect(await list({ to: "2026-03-31" })).toEqual([d.id]);
    expect(await list({ from: "2026-04-03" })).toEqual([c.id]);
    expect(await list({ model: "m-one", creatorId: owner.userId, from: "2026-04-01" })).toEqual([a.id]);
    expect(await list({ model: "nope" })).toEqual([]);
    // Pagination under a filter walks the filtered order only.
    expect((await walk(owner.userId, owner.workspaceSlug, { model: "m-one", limit: 1 })).ids).toEqual([c.id, a.id]);
  });

  it("searches prompts and file names word by word (wildcards literal), and filters uploads or results", async () => {
    const owner = await seedUser();
    const ws = owner.workspaceId;
    const upload = await seedAsset({ workspaceId: ws, createdById: owner.userId, originalName: "Harbour_100%.png" });
    const sunset = (await seedEdit({ workspaceId: ws, userId: owner.userId, inputs: [upload.id], prompt: "a stormy SUNSET over the harbour" })).outputs[0]!;
    const other = (await seedEdit({ workspaceId: ws, userId: owner.userId, inputs: [upload.id], prompt: "make it 100 percent grey" })).outputs[0]!;
    const found = async (filters: Record<string, string>) =>
      (await listGalleryAssets({ userId: owner.userId }, owner.workspaceSlug, galleryFiltersSchema.parse(filters))).items.map((i) => i.id).sort();

    expect(await found({ q: "sunset" })).toEqual([sunset.id]);
    expect(await found({ q: "  harbour   stormy " })).toEqual([sunset.id]);
    expect(await found({ q: "harbour" })).toEqual([upload.id, sunset.id].sort());
    expect(await found({ q: "100%" })).toEqual([upload.id]);
    expect(await found({ q: "_" })).toEqual([upload.id]);
    expect(await found({ kind: "upload" })).toEqual([upload.id]);
    expect(await found({ kind: "result" })).toEqual([sunset.id, other.id].sort());
    expect(await found({ kind: "result", q: "grey" })).toEqual([other.id]);
    expect(await found({ kind: "neither" })).toHaveLength(3);
  });

  it("offers the workspace's models and members as filters", async () => {
    const owner = await seedUser({ name: "Zed" });
    const member = await seedMember(owner.workspaceId);
    await seedAsset({ workspaceId: owner.workspaceId, kind: "result", model: "b-model" });
    await seedAsset({ workspaceId: owner.workspaceId, kind: "result", model: "a-model" });
    await seedAsset({ workspaceId: owner.workspaceId, kind: "result", model: "b-model" });
    await seedAsset({ workspaceId: owner.workspaceId, kind: "upload" });
    const options = await listGalleryFilterOptions({ userId: member.userId }, owner.workspaceSlug);
    // Not in the catalog: named by their ids.
    expect(options.models).toEqual([
      { id: "a-model", name: "a-model" },
      { id: "b-model", name: "b-model" },
    ]);
    expect(options.creators.map((c) => c.id).sort()).toEqual([owner.userId, member.userId].sort());
  });

  it("shows nothing of a workspace the caller doesn't belong to, and refuses a forged cursor", async () => {
    const owner = await seedUser();
    const outsider = await seedUser();
    await seedAsset({ workspaceId: owner.workspaceId, kind: "result", model: "secret" });
    expect(await listGalleryAssets({ userId: outsider.userId }, owner.workspaceSlug)).toEqual({ items: [], nextCursor: null });
    expect(await listGalleryFilterOptions({ userId: outsider.userId }, owner.workspaceSlug)).toEqual({ models: [], creators: [] });
    await expect(listGalleryAssets({ userId: owner.userId }, owner.workspaceSlug, { cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("finds the newer and older neighbours of an image under the same filters", async () => {
    const owner = await seedUser();
    const ws = owner.workspaceId;
    const oldest = await seedAsset({ workspaceId: ws, kind: "result", model: "x", createdAt: at("2026-01-01T00:00:00Z") });
    const other = await seedAsset({ workspaceId: ws, kind: "result", model: "y", createdAt: at("2026-01-02T00:00:00Z") });
    const middle = await seedAsset({ workspaceId: ws, kind: "result", model: "x", createdAt: at("2026-01-03T00:00:00Z") });
    const newest = await seedAsset({ workspaceId: ws, kind: "result", model: "x", createdAt: at("2026-01-04T00:00:00Z") });
    const caller = { userId: owner.userId };
    expect(await getAdjacentAssets(caller, middle, {})).toEqual({ newer: newest.id, older: other.id });
    expect(await getAdjacentAssets(caller, middle, { model: "x" })).toEqual({ newer: newest.id, older: oldest.id });
    expect(await getAdjacentAssets(caller, newest, {})).toEqual({ newer: null, older: middle.id });
    const outsider = await seedUser();
    expect(await getAdjacentAssets({ userId: outsider.userId }, middle, {})).toEqual({ newer: null, older: null });
  });
});
