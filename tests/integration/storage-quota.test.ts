import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// A small quota and upload rate for this file (lib/env reads them on import); objects in a folder of its own.
vi.hoisted(async () => {
  const [{ mkdtempSync }, { tmpdir }, { join }] = await Promise.all([import("node:fs"), import("node:os"), import("node:path")]);
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "darkroom-storage-quota-"));
  process.env.STORAGE_DRIVER = "local";
  process.env.STORAGE_QUOTA_BYTES = "10000";
  process.env.UPLOADS_PER_MINUTE = "8";
  delete (globalThis as { __darkroomStorage?: unknown }).__darkroomStorage;
});
const session = vi.hoisted(() => ({ user: null as { id: string; email: string; name: null; role: "user" } | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn() }));

import { uploadImageAction } from "@/lib/actions/studio/upload-image";
import { getWorkspaceStorage } from "@/lib/assets/get-workspace-storage";
import { db } from "@/lib/db/client";
import { deleteAssets } from "@/lib/gallery/delete-assets";
import { stopEditQueue } from "@/lib/jobs/edit-queue";
import { runEditJob } from "@/lib/jobs/run-edit-job";
import { submitEdit } from "@/lib/jobs/submit-edit";
import { noiseImage, solidImage } from "../factories/pipeline-images";
import { fileOf } from "../factories/studio";
import { seedUser } from "../factories/users";

const QUOTA = 10_000;

afterAll(async () => {
  await stopEditQueue();
});
beforeEach(() => {
  session.user = null;
});

const signIn = (user: { userId: string; email: string }) => (session.user = { id: user.userId, email: user.email, name: null, role: "user" });

function uploadForm(workspace: string, file: File): FormData {
  const form = new FormData();
  form.append("workspace", workspace);
  form.append("file", file);
  return form;
}

/** Random pixels hardly compress: each of these stores about 4.8 KB, so two fit in the 10 KB quota, not three. */
const noiseFile = async (i: number) => fileOf(await noiseImage(40, 40).png().toBuffer(), `noise-${i}.png`, "image/png");

/** What the workspace's assets really hold, and what its counter says. */
async function books(workspaceId: string) {
  const assets = await db.asset.aggregate({ where: { workspaceId }, _sum: { bytes: true }, _count: true });
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { storageUsed: true } });
  return { stored: assets._sum.bytes ?? 0, count: assets._count, counted: Number(ws.storageUsed) };
}

describe("storage quota", () => {
  it("never lets concurrent uploads take a workspace past its quota, refuses the rest with a clear message, and frees room on delete", async () => {
    const owner = await seedUser();
    signIn(owner);
    const results = await Promise.all(Array.from({ length: 6 }, async (_, i) => uploadImageAction(uploadForm(owner.workspaceSlug, await noiseFile(i)))));

    const ok = results.filter((r) => r.status === "success");
    const refused = results.filter((r) => r.status !== "success");
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) expect(r.message).toMatch(/doesn't fit: the workspace stores .* of its 9\.8 KB\. Delete images in the gallery to make room\./);
    const after = await books(owner.workspaceId);
    expect(after.count).toBe(ok.length);
    expect(after.stored).toBeLessThanOrEqual(QUOTA);
    expect(after.counted).toBe(after.stored);
    expect(await getWorkspaceStorage({ userId: owner.userId, workspaceId: owner.workspaceId })).toEqual({ used: after.stored, quota: QUOTA });

    // Deleting frees what the images counted, and the room is usable again.
    await deleteAssets({ userId: owner.userId, workspaceId: owner.workspaceId }, ok.map((r) => r.asset!.id));
    expect(await books(owner.workspaceId)).toEqual({ stored: 0, count: 0, counted: 0 });
    expect((await uploadImageAction(uploadForm(owner.workspaceSlug, await noiseFile(9)))).status).toBe("success");
  });

  it("limits uploads per member a minute with a clear message", async () => {
    const owner = await seedUser();
    signIn(owner);
    const tiny = fileOf(await solidImage(8, 8).png().toBuffer(), "tiny.png", "image/png");
    for (let i = 0; i < 8; i++) expect((await uploadImageAction(uploadForm(owner.workspaceSlug, tiny))).status).toBe("success");
    const refused = await uploadImageAction(uploadForm(owner.workspaceSlug, tiny));
    expect(refused).toMatchObject({ status: "error", message: expect.stringMatching(/^Too many uploads: at most 8 a minute\. Try again in \d+ seconds?\.$/) });
  });

  it("counts edit results toward the quota, and a full workspace takes no new edits", { timeout: 60_000 }, async () => {
    const owner = await seedUser();
    signIn(owner);
    const upload = await uploadImageAction(uploadForm(owner.workspaceSlug, fileOf(await solidImage(32, 24).png().toBuffer(), "in.png", "image/png")));
    expect(upload.status).toBe("success");
    const { jobId } = await submitEdit({ userId: owner.userId }, {
      unverifiedWorkspaceSlug: owner.workspaceSlug,
      unverifiedAssetIds: [upload.asset!.id],
      model: "darkroom-local",
      prompt: "invert",
    });
    await runEditJob(jobId);
    expect(await db.asset.count({ where: { jobId } })).toBe(1);
    const withResult = await books(owner.workspaceId);
    expect(withResult.count).toBe(2);
    expect(withResult.counted).toBe(withResult.stored);

    await db.workspace.update({ where: { id: owner.workspaceId }, data: { storageUsed: QUOTA } });
    const refused = submitEdit({ userId: owner.userId }, {
      unverifiedWorkspaceSlug: owner.workspaceSlug,
      unverifiedAssetIds: [upload.asset!.id],
      model: "darkroom-local",
      prompt: "invert",
    });
    await expect(refused).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/^There's no room for new images/) });
  });
});
