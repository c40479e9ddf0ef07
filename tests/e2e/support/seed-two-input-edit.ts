// Seeds a finished darkroom-local edit with two inputs of different shapes, rotated 90° ("rotate 90"): one
// result per input, in input order, as the offline model returns them. Run as
// `tsx --conditions=react-server tests/e2e/support/seed-two-input-edit.ts <email> <workspace-slug>` with the
// server's DATA_DIR (and DATABASE_URL when not embedded); prints one JSON line.
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { ensureDatabase } from "@/lib/db/ensure-database";

const MODEL = "darkroom-local";

const solid = (width: number, height: number, colour: string) => sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();

async function main(email: string, slug: string) {
  const database = await ensureDatabase({ migrate: false });
  process.env.DATABASE_URL = database.url;
  const { db, closeDb } = await import("@/lib/db/client");
  const { processImage } = await import("@/lib/images/process-image");
  const { storeImageAsset } = await import("@/lib/assets/store-image-asset");
  try {
    const member = await db.membership.findFirstOrThrow({ where: { user: { email }, workspace: { slug } }, select: { id: true, userId: true, workspaceId: true } });
    const limits = { maxBytes: 10 * 1024 ** 2, maxPixels: 40_000_000 };
    const store = async (kind: "upload" | "result", png: Buffer, extra: { originalName?: string; jobId?: string; model?: string }) =>
      storeImageAsset({ workspaceId: member.workspaceId, createdById: member.userId, kind, image: await processImage(png, limits), ...extra });
    const landscape = await solid(640, 400, "#1d4ed8");
    const portrait = await solid(300, 480, "#15803d");
    const first = await store("upload", landscape, { originalName: "landscape.png" });
    const second = await store("upload", portrait, { originalName: "portrait.png" });
    const requestId = `job_${randomUUID()}`;
    const job = await db.editJob.create({
      data: {
        workspaceId: member.workspaceId, membershipId: member.id, userId: member.userId, model: MODEL, prompt: "rotate 90", status: "succeeded",
        params: { n: 1 }, requestId, credits: 2, finishedAt: new Date(),
        inputs: { create: [{ assetId: first.id, position: 0 }, { assetId: second.id, position: 1 }] },
      },
    });
    // The offline model's results come in input order: the landscape turned portrait, then the portrait turned landscape.
    const firstResult = await store("result", await sharp(landscape).rotate(90).png().toBuffer(), { jobId: job.id, model: MODEL });
    const secondResult = await store("result", await sharp(portrait).rotate(90).png().toBuffer(), { jobId: job.id, model: MODEL });
    process.stdout.write(`${JSON.stringify({ inputIds: [first.id, second.id], resultIds: [firstResult.id, secondResult.id], jobId: job.id })}\n`);
  } finally {
    await closeDb();
    await database.stop();
  }
}

const [email, slug] = process.argv.slice(2);
main(email!, slug!).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
