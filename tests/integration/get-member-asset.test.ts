import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getMemberAsset } from "@/lib/assets/get-member-asset";
import { db } from "@/lib/db/client";
import { seedAsset } from "../factories/assets";
import { seedUser } from "../factories/users";

describe("getMemberAsset", () => {
  it("finds an asset of the caller's workspace, with the caller's role", async () => {
    const owner = await seedUser();
    const asset = await seedAsset(owner.workspaceId, { originalName: "cat.png" });
    const found = await getMemberAsset({ userId: owner.userId }, asset.id);
    expect(found).toMatchObject({
      id: asset.id,
      workspaceId: owner.workspaceId,
      storageKey: asset.storageKey,
      thumbKey: asset.thumbKey,
      mime: "image/png",
      sha256: asset.sha256,
      originalName: "cat.png",
      role: "owner",
    });
  });

  it("answers another workspace's asset exactly like a missing or malformed id: null", async () => {
    const owner = await seedUser();
    const stranger = await seedUser();
    const asset = await seedAsset(owner.workspaceId);
    expect(await getMemberAsset({ userId: stranger.userId }, asset.id)).toBeNull();
    expect(await getMemberAsset({ userId: owner.userId }, randomUUID())).toBeNull();
    for (const malformed of ["", "not-a-uuid", `${asset.id}'--`, asset.id.slice(0, -1)]) {
      expect(await getMemberAsset({ userId: owner.userId }, malformed)).toBeNull();
    }
  });

  it("follows membership: found once the stranger joins, gone again when they leave", async () => {
    const owner = await seedUser();
    const other = await seedUser();
    const asset = await seedAsset(owner.workspaceId);
    const membership = await db.membership.create({ data: { workspaceId: owner.workspaceId, userId: other.userId, role: "viewer" } });
    expect(await getMemberAsset({ userId: other.userId }, asset.id)).toMatchObject({ id: asset.id, role: "viewer" });
    await db.membership.delete({ where: { id: membership.id } });
    expect(await getMemberAsset({ userId: other.userId }, asset.id)).toBeNull();
  });
});
