// Seeds one finished studio edit for the browser tests, through the product's own image pipeline and storage:
// an upload (real PNG), a succeeded job with a settled usage record (tokens, credits) and its result. Run as
// `tsx --conditions=react-server tests/e2e/support/seed-edit.ts <email> <workspace-slug> <prompt> [older]` with
// the server's DATA_DIR (and DATABASE_URL when not embedded); prints one JSON line. `older` more uploads (rows
// only, no objects) are dated before the edit, to fill pages.
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { ensureDatabase } from "@/lib/db/ensure-database";

const MODEL = "darkroom-local";

/** A two-colour picture: the before/after comparison shows where one ends and the other begins. */
async function image(width: number, height: number, background: string, band: string): Promise<Buffer> {
  const stripe = { create: { width: Math.floor(width / 3), height, channels: 3 as const, background: band } };
  return sharp({ create: { width, height, channels: 3, background } }).composite([{ input: stripe, left: 0, top: 0 }]).png().toBuffer();
}

async function main(email: string, slug: string, prompt: string, older: number) {
  const database = await ensureDatabase({ migrate: false });
  process.env.DATABASE_URL = database.url;
  const { db, closeDb, getPool } = await import("@/lib/db/client");
  const { processImage } = await import("@/lib/images/process-image");
  const { storeImageAsset } = await import("@/lib/assets/store-image-asset");
  try {
    const member = await db.membership.findFirstOrThrow({ where: { user: { email }, workspace: { slug } }, select: { id: true, userId: true, workspaceId: true } });
    const limits = { maxBytes: 10 * 1024 ** 2, maxPixels: 40_000_000 };
    await getPool().query(
      `INSERT INTO assets (id, workspace_id, created_by_id, kind, storage_key, thumb_key, mime, bytes, width, height, sha256, dedupe_key, original_name, created_at)
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'upload', 'workspaces/' || $1 || '/uploads/' || gen_random_uuid() || '.png',
              'workspaces/' || $1 || '/thumbs/' || gen_random_uuid() || '.webp', 'image/png', 100, 64, 64, h, h, 'older-' || i || '.png',
              now() - interval '1 day' - i * interval '1 minute'
         FROM generate_series(1, $3::int) AS i CROSS JOIN LATERAL (SELECT md5(random()::text || i) || md5(random()::text) AS h) AS hash`,
      [member.workspaceId, member.userId, older],
    );
    const upload = await storeImageAsset({
      workspaceId: member.workspaceId,
      createdById: member.userId,
      kind: "upload",
      image: await processImage(await image(640, 480, "#1d4ed8", "#facc15"), limits),
      originalName: "before.png",
    });
    const requestId = `job_${randomUUID()}`;
    const usage = await db.usageRecord.create({
      data: { requestId, workspaceId: member.workspaceId, userId: member.userId, source: "studio", model: MODEL, status: "succeeded", promptTokens: 1234, completionTokens: 56, totalTokens: 1290, images: 1, credits: 17, finishedAt: new Date() },
    });
    const job = await db.editJob.create({
      data: {
        workspaceId: member.workspaceId, membershipId: member.id, userId: member.userId, model: MODEL, prompt, status: "succeeded",
        requestId, usageRecordId: usage.id, credits: 17, finishedAt: new Date(), inputs: { create: [{ assetId: upload.id, position: 0 }] },
      },
    });
    const result = await storeImageAsset({
      workspaceId: member.workspaceId,
      createdById: member.userId,
      kind: "result",
      image: await processImage(await image(640, 480, "#b91c1c", "#f5f5f5"), limits),
      jobId: job.id,
      model: MODEL,
    });
    const stored = await db.asset.findUniqueOrThrow({ where: { id: result.id }, select: { sha256: true } });
    process.stdout.write(`${JSON.stringify({ uploadId: upload.id, resultId: result.id, jobId: job.id, model: MODEL, sha256: stored.sha256 })}\n`);
  } finally {
    await closeDb();
    await database.stop();
  }
}

const [email, slug, prompt, older] = process.argv.slice(2);
main(email!, slug!, prompt ?? "make the sky dramatic", Number(older ?? 0)).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
