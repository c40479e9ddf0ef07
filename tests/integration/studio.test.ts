import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { cancelEditAction } from "@/lib/actions/studio/cancel-edit";
import { clearEditAction } from "@/lib/actions/studio/clear-edit";
import { submitEditAction } from "@/lib/actions/studio/submit-edit";
import { uploadImageAction } from "@/lib/actions/studio/upload-image";
import { findMemberAssets } from "@/lib/assets/find-member-assets";
import { listRecentAssets } from "@/lib/assets/list-recent-assets";
import { uploadImage } from "@/lib/assets/upload-image";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ImageRejectedError } from "@/lib/images/image-rejected-error";
import { listRecentJobs } from "@/lib/jobs/list-recent-jobs";
import { publishJobEvent } from "@/lib/jobs/publish-job-event";
import { submitEdit } from "@/lib/jobs/submit-edit";
import { getStorage } from "@/lib/storage/get-storage";
import { seedMember } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { bombPng, jpegWithGps, solidImage } from "../factories/pipeline-images";
import { fileOf, seedEditJob } from "../factories/studio";
import { seedUser } from "../factories/users";

// The session is Auth.js's business (tested elsewhere); here the signed-in user is whoever the test says.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
// A small submit budget (read by lib/env at its first import, which this runs before).
vi.hoisted(() => void (process.env.JOB_SUBMIT_LIMIT_PER_MEMBER = "3"));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn() }));

function signIn(user: { userId: string; email: string }) {
  session.user = { id: user.userId, email: user.email, name: null, role: "user" };
}

function form(fields: Record<string, string | string[] | File>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of value instanceof File ? [value] : [value].flat()) data.append(name, v);
  return data;
}

async function readStored(key: string): Promise<Buffer> {
  const { stream } = await getStorage().getStream(key);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const png = async (colour = "#3366cc") => fileOf(await solidImage(64, 48, colour).png().toBuffer(), "photo.png", "image/png");
const objectsOf = (workspaceId: string) => path.join(env.DATA_DIR, "objects", "workspaces", workspaceId);

beforeEach(() => {
  session.user = null;
});

describe("uploadImage", () => {
  it("stores the picture without EXIF or GPS, upright, thumbnailed, and once per workspace", async () => {
    const owner = await seedUser();
    const file = fileOf(await jpegWithGps(640, 480), "holiday.jpg", "image/jpeg");
    const asset = await uploadImage({ workspaceId: owner.workspaceId, userId: owner.userId, file });
    expect(asset).toMatchObject({ width: 480, height: 640, mime: "image/jpeg", deduplicated: false });

    const row = await db.asset.findUniqueOrThrow({ where: { id: asset.id } });
    expect(row).toMatchObject({ workspaceId: owner.workspaceId, createdById: owner.userId, kind: "upload", originalName: "holiday.jpg" });
    const stored = await readStored(row.storageKey);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
    expect(stored.includes("TestCam")).toBe(false);
    expect(await getStorage().head(row.thumbKey)).toMatchObject({ contentType: "image/webp" });

    const again = await uploadImage({ workspaceId: owner.workspaceId, userId: owner.userId, file });
    expect(again).toMatchObject({ id: asset.id, deduplicated: true });
  });

  it("refuses what isn't an accepted image, saying why, and stores nothing", async () => {
    const owner = await seedUser();
    const upload = (file: File) => uploadImage({ workspaceId: owner.workspaceId, userId: owner.userId, file });
    const refusal = (file: File) => upload(file).then(() => null, (error: unknown) => error);

    const html = await refusal(fileOf("<!doctype html><p>hi</p>", "page.png", "image/png"));
    expect(html).toBeInstanceOf(ImageRejectedError);
    expect((html as Error).message).toBe("“page.png” isn't a supported image. Use PNG, JPEG, WebP or GIF.");
    const svg = await refusal(fileOf('<svg xmlns="http://www.w3.org/2000/svg"/>', "drawing.svg", "image/svg+xml"));
    expect((svg as Error).message).toMatch(/isn't a supported image/);
    const bomb = await refusal(fileOf(bombPng(20_000, 20_000), "huge.png", "image/png"));
    expect((bomb as Error).message).toBe("“huge.png” is 20000 × 20000 pixels (400 MP); the limit is 40 MP.");

    // Refused from its declared size: the bytes are never read.
    const big = fileOf(Buffer.alloc(env.UPLOAD_MAX_BYTES + 1), "big.jpg", "image/jpeg");
    const read = vi.spyOn(big, "arrayBuffer");
    expect(((await refusal(big)) as Error).message).toBe("“big.jpg” is 10.1 MB; the limit is 10 MB.");
    expect(read).not.toHaveBeenCalled();

    expect(await db.asset.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
    expect(fs.existsSync(objectsOf(owner.workspaceId))).toBe(false);
  });
});

describe("upload action", () => {
  it("answers each file with the stored image or the reason it was rejected", async () => {
    const owner = await seedUser();
    signIn(owner);
    const done = await uploadImageAction(form({ workspace: owner.workspaceSlug, file: await png() }));
    expect(done.status).toBe("success");
    expect(done.asset).toMatchObject({ width: 64, height: 48, deduplicated: false, thumbUrl: `/api/files/${done.asset!.id}?thumb=1` });

    const rejected = await uploadImageAction(form({ workspace: owner.workspaceSlug, file: fileOf("GIF89a but not really", "x.gif", "image/gif") }));
    expect(rejected).toMatchObject({ status: "error", rejected: true, message: expect.stringMatching(/couldn't be read|isn't a supported image/) });
    expect(await db.asset.count({ where: { workspaceId: owner.workspaceId } })).toBe(1);

    const missing = await uploadImageAction(form({ workspace: owner.workspaceSlug }));
    expect(missing.fieldErrors?.file).toEqual(["Choose an image to upload."]);
  });

  it("refuses outsiders and viewers before touching the file", async () => {
    const owner = await seedUser();
    const outsider = await seedUser();
    const viewer = await seedMember(owner.workspaceId, "viewer");
    const upload = async () => uploadImageAction(form({ workspace: owner.workspaceSlug, file: await png("#aa0000") }));
    expect(await upload()).toMatchObject({ status: "error", message: expect.stringMatching(/Sign in/) });
    signIn(outsider);
    expect(await upload()).toMatchObject({ status: "error", message: expect.stringMatching(/no longer a member|doesn't exist/) });
    signIn(viewer);
    const refused = await upload();
    expect(refused).toMatchObject({ status: "error", message: expect.stringMatching(/role/) });
    expect(refused.rejected).toBeUndefined();
    expect(await db.asset.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
  });
});

describe("another workspace's images and edits", () => {
  it("are not found when submitting an edit, and nothing is held", async () => {
    const owner = await seedUser();
    const other = await seedUser();
    const theirs = await uploadImage({ workspaceId: other.workspaceId, userId: other.userId, file: await png("#00aa00") });
    const caller = { userId: owner.userId };
    const input = { unverifiedWorkspaceSlug: owner.workspaceSlug, unverifiedAssetIds: [theirs.id], model: "darkroom-local", prompt: "make it grayscale" };
    await expect(submitEdit(caller, input)).rejects.toMatchObject({ code: "not_found" });

    signIn(owner);
    const state = await submitEditAction({ status: "idle" }, form({ workspace: owner.workspaceSlug, inputs: [theirs.id], model: "darkroom-local", prompt: "make it grayscale", n: "1" }));
    expect(state).toMatchObject({ status: "error", message: "One of the chosen images no longer exists." });
    expect(await db.editJob.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
    expect(await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId }, select: { held: true } })).toEqual({ held: 0 });
  });

  it("are left out of a preloading link and of the picker's list", async () => {
    const owner = await seedUser();
    const other = await seedUser();
    const mine = await uploadImage({ workspaceId: owner.workspaceId, userId: owner.userId, file: await png("#0000aa") });
    const theirs = await uploadImage({ workspaceId: other.workspaceId, userId: other.userId, file: await png("#aa00aa") });
    const caller = { userId: owner.userId, workspaceId: owner.workspaceId };

    expect((await findMemberAssets(caller, [theirs.id, "not-a-uuid", mine.id, mine.id.toUpperCase()])).map((a) => a.id)).toEqual([mine.id]);
    expect(await findMemberAssets({ userId: other.userId, workspaceId: owner.workspaceId }, [mine.id])).toEqual([]);
    expect((await listRecentAssets(caller)).map((a) => a.id)).toEqual([mine.id]);
    expect(await listRecentAssets({ userId: other.userId, workspaceId: owner.workspaceId })).toEqual([]);
  });

  it("are not listed as recent edits and cannot be cancelled", async () => {
    const owner = await seedUser();
    const outsider = await seedUser();
    const asset = await uploadImage({ workspaceId: owner.workspaceId, userId: owner.userId, file: await png("#123456") });
    const jobId = await seedEditJob(owner, [asset.id]);
    const lastEvent = await publishJobEvent(jobId, "progress", { text: "progress 34%", percent: 34 });

    const [job] = await listRecentJobs({ userId: owner.userId, workspaceId: owner.workspaceId });
    expect(job).toMatchObject({ id: jobId, status: "queued", inputIds: [asset.id], outputIds: [], heldCredits: null, lastEventId: lastEvent, mine: true });
    expect(await listRecentJobs({ userId: outsider.userId, workspaceId: owner.workspaceId })).toEqual([]);

    signIn(outsider);
    expect(await cancelEditAction(form({ workspace: outsider.workspaceSlug, jobId }))).toMatchObject({ status: "error", message: "That edit isn't running any more." });
    signIn(owner);
    expect(await cancelEditAction(form({ workspace: owner.workspaceSlug, jobId }))).toMatchObject({ status: "success" });
    expect(await db.editJob.findUniqueOrThrow({ where: { id: jobId }, select: { status: true } })).toEqual({ status: "cancelled" });
  });
});

describe("clearing an edit from the studio", () => {
  it("is for its author once it is over; others in the workspace still see it, and nothing else is deleted", async () => {
    const owner = await seedUser();
    const colleague = await seedMember(owner.workspaceId, "admin");
    const asset = await uploadImage({ workspaceId: owner.workspaceId, userId: owner.userId, file: await png("#345678") });
    const jobId = await seedEditJob(owner, [asset.id]);

    signIn(owner);
    // Still queued: not clearable.
    expect(await clearEditAction(form({ workspace: owner.workspaceSlug, jobId }))).toMatchObject({ status: "error" });
    await db.editJob.update({ where: { id: jobId }, data: { status: "failed", finishedAt: new Date() } });
    // Not the author, even as an admin of the workspace.
    signIn(colleague);
    expect(await clearEditAction(form({ workspace: owner.workspaceSlug, jobId }))).toMatchObject({ status: "error" });

    signIn(owner);
    expect(await clearEditAction(form({ workspace: owner.workspaceSlug, jobId }))).toMatchObject({ status: "success" });
    expect(await listRecentJobs({ userId: owner.userId, workspaceId: owner.workspaceId })).toEqual([]);
    expect((await listRecentJobs({ userId: colleague.userId, workspaceId: owner.workspaceId })).map((j) => j.id)).toEqual([jobId]);
    expect(await db.editJob.count({ where: { id: jobId } })).toBe(1);
    expect(await db.asset.count({ where: { id: asset.id } })).toBe(1);
  });
});

describe("submit action", () => {
  it("says so in words when the workspace can't afford the edit, and holds nothing", async () => {
    const owner = await seedUser();
    const model = await seedModel({ label: "pricey", provider: "local", perRequest: 5000 });
    const asset = await uploadImage({ workspaceId: owner.workspaceId, userId: owner.userId, file: await png("#654321") });
    signIn(owner);
    const state = await submitEditAction({ status: "idle" }, form({ workspace: owner.workspaceSlug, inputs: [asset.id], model, prompt: "make it grayscale", n: "1" }));
    expect(state).toMatchObject({ status: "error", message: expect.stringMatching(/does not have enough credits for this edit \(it needs \d+\)/) });
    expect(await db.editJob.count({ where: { workspaceId: owner.workspaceId } })).toBe(0);
  });

  it("refuses a member's edits past the per-minute limit with a message, holding nothing; other members are not affected", async () => {
    const owner = await seedUser();
    const colleague = await seedMember(owner.workspaceId, "member");
    const asset = await uploadImage({ workspaceId: owner.workspaceId, userId: owner.userId, file: await png("#0a0b0c") });
    const submit = () => submitEditAction({ status: "idle" }, form({ workspace: owner.workspaceSlug, inputs: [asset.id], model: "darkroom-local", prompt: "make it grayscale", n: "1" }));
    signIn(owner);
    for (let i = 0; i < 3; i++) expect(await submit()).toMatchObject({ status: "success" });
    const refused = await submit();
    expect(refused).toMatchObject({ status: "error", message: "You have submitted 3 edits in the last minute, the most allowed. Try again in 1 minute." });
    expect(refused.values?.prompt).toBe("make it grayscale");
    expect(await db.editJob.count({ where: { workspaceId: owner.workspaceId } })).toBe(3);
    expect(await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId }, select: { held: true } })).toEqual({ held: 6 }); // 3 holds of 2 (darkroom-local: 1 per call + 1 per image)

    signIn(colleague);
    expect(await submit()).toMatchObject({ status: "success" });
    expect(await db.editJob.count({ where: { workspaceId: owner.workspaceId } })).toBe(4);
  });

  it("validates before anything else and keeps the prompt", async () => {
    const state = await submitEditAction({ status: "idle" }, form({ workspace: "whatever", prompt: "   ", model: "darkroom-local", n: "9" }));
    expect(state.status).toBe("error");
    expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual(["inputs", "n", "prompt"]);
    expect(state.values?.prompt).toBe("   ");
  });
});
