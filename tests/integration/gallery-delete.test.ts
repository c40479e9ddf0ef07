import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// Objects go to the local driver under a folder of this file's own (lib/env reads DATA_DIR on import).
const dataDir = await vi.hoisted(async () => {
  const [{ mkdtempSync }, { tmpdir }, { join }] = await Promise.all([import("node:fs"), import("node:os"), import("node:path")]);
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "darkroom-gallery-"));
  process.env.STORAGE_DRIVER = "local";
  delete (globalThis as { __darkroomStorage?: unknown }).__darkroomStorage;
  return process.env.DATA_DIR;
});
const session = vi.hoisted(() => ({ user: null as { id: string; email: string; name: null; role: "user" } | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { deleteAssetsAction } from "@/lib/actions/gallery/delete-assets";
import { db } from "@/lib/db/client";
import { deleteAssets } from "@/lib/gallery/delete-assets";
import { getStorage } from "@/lib/storage/get-storage";
import { seedMember } from "../factories/api-keys";
import { seedAsset, seedEdit } from "../factories/gallery";
import { seedUser } from "../factories/users";

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
beforeEach(() => {
  session.user = null;
});

const png = (label: string) => Buffer.from(`png bytes of ${label}`);

async function objectsExist(asset: { storageKey: string; thumbKey: string }) {
  const storage = getStorage();
  return [Boolean(await storage.head(asset.storageKey)), Boolean(await storage.head(asset.thumbKey))];
}

const remaining = (ids: string[]) => db.asset.count({ where: { id: { in: ids } } });

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

describe("deleting images", () => {
  it("stores objects where this test looks (the local driver under its DATA_DIR)", async () => {
    const owner = await seedUser();
    const asset = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, bytes: png("x") });
    expect(fs.existsSync(path.join(dataDir, "objects", asset.storageKey))).toBe(true);
  });

  it("lets the creator delete their images: rows, originals and thumbnails go", async () => {
    const owner = await seedUser();
    const a = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, bytes: png("a") });
    const b = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, bytes: png("b") });
    expect(await objectsExist(a)).toEqual([true, true]);
    const result = await deleteAssets({ userId: owner.userId, workspaceId: owner.workspaceId }, [a.id, b.id, a.id.toUpperCase()]);
    expect(result.deletedIds.sort()).toEqual([a.id, b.id].sort());
    expect(await remaining([a.id, b.id])).toBe(0);
    expect(await objectsExist(a)).toEqual([false, false]);
    expect(await objectsExist(b)).toEqual([false, false]);
    const audit = await db.auditLog.findFirst({ where: { workspaceId: owner.workspaceId, action: "assets.deleted" } });
    expect(audit?.actorId).toBe(owner.userId);
  });

  it("refuses a whole batch that holds someone else's image, for a member without images.delete_any", async () => {
    const owner = await seedUser();
    const member = await seedMember(owner.workspaceId, "member");
    const mine = await seedAsset({ workspaceId: owner.workspaceId, createdById: member.userId, bytes: png("mine") });
    const theirs = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, bytes: png("theirs") });
    await expect(deleteAssets({ userId: member.userId, workspaceId: owner.workspaceId }, [mine.id, theirs.id])).rejects.toMatchObject({
      code: "forbidden",
      message: "You can delete only images you made; 1 selected image was made by someone else. Nothing was deleted.",
    });
    expect(await remaining([mine.id, theirs.id])).toBe(2);
    expect(await objectsExist(mine)).toEqual([true, true]);
  });

  it("lets an admin delete anyone's image", async () => {
    const owner = await seedUser();
    const admin = await seedMember(owner.workspaceId, "admin");
    const member = await seedMember(owner.workspaceId, "member");
    const asset = await seedAsset({ workspaceId: owner.workspaceId, createdById: member.userId, bytes: png("m") });
    await deleteAssets({ userId: admin.userId, workspaceId: owner.workspaceId }, [asset.id]);
    expect(await remaining([asset.id])).toBe(0);
    expect(await objectsExist(asset)).toEqual([false, false]);
  });

  it("treats another workspace's image as missing and deletes none of the batch", async () => {
    const owner = await seedUser();
    const outsider = await seedUser();
    const mine = await seedAsset({ workspaceId: outsider.workspaceId, createdById: outsider.userId, bytes: png("o") });
    const foreign = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, bytes: png("f") });
    await expect(deleteAssets({ userId: outsider.userId, workspaceId: outsider.workspaceId }, [mine.id, foreign.id])).rejects.toMatchObject({
      code: "not_found",
    });
    // Naming the other workspace doesn't help: the membership is part of the query.
    await expect(deleteAssets({ userId: outsider.userId, workspaceId: owner.workspaceId }, [foreign.id])).rejects.toMatchObject({ code: "not_found" });
    expect(await remaining([mine.id, foreign.id])).toBe(2);
    expect(await objectsExist(foreign)).toEqual([true, true]);
  });

  it("keeps the history of jobs that used a deleted input, and refuses while an edit still runs on it", async () => {
    const owner = await seedUser();
    const input = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, bytes: png("in") });
    const busy = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, bytes: png("busy") });
    const { job } = await seedEdit({ workspaceId: owner.workspaceId, userId: owner.userId, inputs: [input.id] });
    await seedEdit({ workspaceId: owner.workspaceId, userId: owner.userId, inputs: [busy.id], status: "running", outputs: 0 });
    const caller = { userId: owner.userId, workspaceId: owner.workspaceId };
    await expect(deleteAssets(caller, [input.id, busy.id])).rejects.toMatchObject({ code: "conflict" });
    await deleteAssets(caller, [input.id]);
    expect(await db.jobInput.findMany({ where: { jobId: job.id }, select: { assetId: true } })).toEqual([{ assetId: input.id }]);
  });

  it("as a form action: validates first, then the session and membership, and reports what it did", async () => {
    const owner = await seedUser();
    const outsider = await seedUser();
    const asset = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, bytes: png("action") });
    const idle = { status: "idle" as const };
    expect(await deleteAssetsAction(idle, form({ workspace: owner.workspaceSlug, ids: ["nope"] }))).toMatchObject({ status: "error", fieldErrors: { ids: expect.any(Array) } });
    expect(await deleteAssetsAction(idle, form({ workspace: owner.workspaceSlug, ids: [asset.id] }))).toMatchObject({ status: "error", message: expect.stringMatching(/Sign in/) });
    session.user = { id: outsider.userId, email: outsider.email, name: null, role: "user" };
    expect(await deleteAssetsAction(idle, form({ workspace: owner.workspaceSlug, ids: [asset.id] }))).toMatchObject({ status: "error", message: expect.stringMatching(/no longer a member|doesn't exist/) });
    session.user = { id: owner.userId, email: owner.email, name: null, role: "user" };
    expect(await deleteAssetsAction(idle, form({ workspace: owner.workspaceSlug, ids: [asset.id] }))).toEqual({
      status: "success",
      message: "Deleted 1 image.",
      deletedIds: [asset.id],
    });
    expect(await objectsExist(asset)).toEqual([false, false]);
  });
});
