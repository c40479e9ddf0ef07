// A gallery-sized workspace for the gallery benchmark: one owner (signs in with a password), a few members,
// `count` assets inserted by one INSERT … SELECT generate_series (valid-looking keys, several models and
// creators, timestamps shared by runs of three so pages cut through ties), plus a few real images stored
// through the product's pipeline so thumbnail requests can be measured. Run under --conditions=react-server,
// with DATABASE_URL and DATA_DIR set before the first call (lib/env reads them on import).
import { randomUUID } from "node:crypto";
import sharp from "sharp";

export const BENCH_PASSWORD = "gallery bench password";
export const BENCH_MODELS = ["gpt-image-1", "flux-kontext", "nano-banana", "darkroom-local"];

export type GalleryBench = { email: string; slug: string; workspaceId: string; userId: string; realAssetIds: string[] };

/** Photo-like noise (the hardest case for a thumbnail's byte budget), as a JPEG. */
async function noisyPhoto(width: number, height: number, seed: number): Promise<Buffer> {
  const coarse = await sharp({
    create: { width: Math.ceil(width / 4), height: Math.ceil(height / 4), channels: 3, background: "#000", noise: { type: "gaussian", mean: 100 + seed, sigma: 70 } },
  })
    .png()
    .toBuffer();
  return sharp(coarse).resize(width, height, { kernel: "cubic" }).jpeg({ quality: 92 }).toBuffer();
}

export async function seedGalleryBench({ count, realImages = 6 }: { count: number; realImages?: number }): Promise<GalleryBench> {
  const { createUser } = await import("@/lib/users/create-user");
  const { db, getPool } = await import("@/lib/db/client");
  const { processImage } = await import("@/lib/images/process-image");
  const { storeImageAsset } = await import("@/lib/assets/store-image-asset");

  const email = `gallery-bench-${randomUUID().slice(0, 8)}@example.test`;
  const owner = await createUser({ email, name: "Gallery Bench", password: BENCH_PASSWORD, emailVerified: true });
  const members = [owner.userId];
  for (let i = 0; i < 3; i++) {
    const member = await createUser({ email: `gallery-member-${i}-${randomUUID().slice(0, 8)}@example.test`, name: `Member ${i}`, emailVerified: true });
    await db.membership.create({ data: { workspaceId: owner.workspaceId, userId: member.userId, role: "member" } });
    members.push(member.userId);
  }

  await getPool().query(
    `INSERT INTO assets (id, workspace_id, created_by_id, kind, storage_key, thumb_key, mime, bytes, width, height,
                         sha256, dedupe_key, original_name, model, created_at)
     SELECT gen_random_uuid(), $1::uuid, ($2::uuid[])[1 + i % array_length($2::uuid[], 1)],
            CASE WHEN i % 10 = 0 THEN 'upload' ELSE 'result' END::"AssetKind",
            'workspaces/' || $1 || CASE WHEN i % 10 = 0 THEN '/uploads/' ELSE '/results/' END || gen_random_uuid() || '.png',
            'workspaces/' || $1 || '/thumbs/' || gen_random_uuid() || '.webp',
            'image/png', 1500000 + i % 1000, 1024, 1024, md5(i::text) || md5((i + 1)::text),
            CASE WHEN i % 10 = 0 THEN md5(i::text) || md5((i + 1)::text) END,
            CASE WHEN i % 10 = 0 THEN 'photo-' || i || '.png' END,
            CASE WHEN i % 10 = 0 THEN NULL ELSE ($3::text[])[1 + i % array_length($3::text[], 1)] END,
            now() - interval '1 hour' - (i / 3) * interval '1 second'
       FROM generate_series(1, $4::int) AS i`,
    [owner.workspaceId, members, BENCH_MODELS, count],
  );

  const realAssetIds: string[] = [];
  for (let i = 0; i < realImages; i++) {
    const image = await processImage(await noisyPhoto(1600 + i * 160, 1200 + i * 90, i), { maxBytes: 50 * 1024 ** 2, maxPixels: 40_000_000 });
    const asset = await storeImageAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, kind: "upload", image, originalName: `real-${i}.jpg` });
    realAssetIds.push(asset.id);
  }
  await getPool().query("ANALYZE assets");
  return { email, slug: owner.workspaceSlug, workspaceId: owner.workspaceId, userId: owner.userId, realAssetIds };
}
