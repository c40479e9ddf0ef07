import { beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ user: null as { id: string; email: string; name: null; role: "user" } | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

import { GET } from "@/app/api/gallery/assets/route";
import { seedAsset } from "../factories/gallery";
import { seedUser } from "../factories/users";

beforeEach(() => {
  session.user = null;
});

const get = (query: string) => GET(new Request(`http://localhost/api/gallery/assets?${query}`));
const signIn = (user: { userId: string; email: string }) => (session.user = { id: user.userId, email: user.email, name: null, role: "user" });

describe("GET /api/gallery/assets (Load more)", () => {
  it("pages on with the cursor and the filters, for members only", async () => {
    const owner = await seedUser();
    const outsider = await seedUser();
    const ws = owner.workspaceId;
    const assets = [];
    for (let i = 0; i < 5; i++) assets.push(await seedAsset({ workspaceId: ws, kind: "result", model: i % 2 ? "odd" : "even", createdAt: new Date(Date.UTC(2026, 0, 1 + i)) }));
    const newestFirst = assets.reverse().map((a) => a.id);

    expect((await get(`workspace=${owner.workspaceSlug}`)).status).toBe(401);
    signIn(owner);
    const first = await (await get(`workspace=${owner.workspaceSlug}`)).json();
    expect(first.items.map((i: { id: string }) => i.id)).toEqual(newestFirst);
    const { listGalleryAssets } = await import("@/lib/gallery/list-gallery-assets");
    const page = await listGalleryAssets({ userId: owner.userId }, owner.workspaceSlug, { limit: 2 });
    const next = await (await get(`workspace=${owner.workspaceSlug}&cursor=${encodeURIComponent(page.nextCursor!)}`)).json();
    expect(next.items.map((i: { id: string }) => i.id)).toEqual(newestFirst.slice(2));
    expect(next.nextCursor).toBeNull();
    expect(next.items[0]).toMatchObject({ thumbUrl: `/api/files/${newestFirst[2]}?thumb=1`, kind: "result" });

    const even = await (await get(`workspace=${owner.workspaceSlug}&model=even`)).json();
    expect(even.items.map((i: { model: string }) => i.model)).toEqual(["even", "even", "even"]);
    expect((await get(`workspace=${owner.workspaceSlug}&cursor=forged`)).status).toBe(400);
    expect((await get(`cursor=${encodeURIComponent(page.nextCursor!)}`)).status).toBe(400);

    signIn(outsider);
    expect(await (await get(`workspace=${owner.workspaceSlug}`)).json()).toEqual({ items: [], nextCursor: null });
  });
});
