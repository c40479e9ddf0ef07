import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "@/lib/images/process-image";
import { THUMBNAIL_MAX_BYTES } from "@/lib/images/make-thumbnail";
import {
  animatedGif,
  jpegWithGps,
  noisyPhoto,
  pixelAt,
  solidImage,
  twoToneImage,
} from "@/tests/factories/pipeline-images";

const limits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 };

const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60;
const isBlue = ([r, g, b]: number[]) => b! > 200 && r! < 60 && g! < 60;

describe("processImage accepts PNG, JPEG, WebP and GIF", () => {
  it.each([
    ["png", () => solidImage(640, 480).png().toBuffer(), "image/png", "png"],
    ["jpeg", () => solidImage(640, 480).jpeg().toBuffer(), "image/jpeg", "jpg"],
    ["lossy webp", () => solidImage(640, 480).webp({ quality: 70 }).toBuffer(), "image/webp", "webp"],
    ["lossless webp", () => solidImage(640, 480).webp({ lossless: true }).toBuffer(), "image/webp", "webp"],
    ["gif", () => solidImage(640, 480).gif().toBuffer(), "image/png", "png"],
  ])("%s", async (_label, make, mime, ext) => {
    const result = await processImage(await make(), limits);
    expect(result.original).toMatchObject({ mime, ext, width: 640, height: 480 });
    expect(result.original.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = await sharp(result.original.bytes).metadata();
    expect(stored.format).toBe(ext === "jpg" ? "jpeg" : ext);
    expect([stored.width, stored.height]).toEqual([640, 480]);
    expect(result.thumbnail).toMatchObject({ width: 512, height: 384 });
    expect((await sharp(result.thumbnail.bytes).metadata()).format).toBe("webp");
  });

  it("keeps a lossless WebP lossless", async () => {
    const input = await twoToneImage(200, 100).webp({ lossless: true }).toBuffer();
    const { original } = await processImage(input, limits);
    expect(original.bytes.includes(Buffer.from("VP8L"))).toBe(true);
    expect(await pixelAt(original.bytes, 99, 50)).toEqual([255, 0, 0]);
  });

  it("reads an input from a path as well as from memory, with the same result", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pipeline-test-"));
    try {
      const bytes = await twoToneImage(300, 200).png().toBuffer();
      const file = path.join(dir, "in.bin");
      await writeFile(file, bytes);
      const [fromPath, fromMemory] = await Promise.all([processImage({ path: file }, limits), processImage(bytes, limits)]);
      expect(fromPath.original.sha256).toBe(fromMemory.original.sha256);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps only the first frame of an animated GIF, as a PNG", async () => {
    const { original } = await processImage(await animatedGif(64, 48), limits);
    expect(original).toMatchObject({ mime: "image/png", ext: "png", width: 64, height: 48 });
    const stored = await sharp(original.bytes).metadata();
    expect(stored.pages ?? 1).toBe(1);
    expect(isRed(await pixelAt(original.bytes, 32, 24))).toBe(true);
  });
});

describe("processImage strips metadata", () => {
  it("drops EXIF and GPS and applies the orientation to the pixels", async () => {
    const input = await jpegWithGps(300, 200);
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes(Buffer.from("TestCam"))).toBe(true);

    const { original } = await processImage(input, limits);
    const after = await sharp(original.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(original.bytes.includes(Buffer.from("TestCam"))).toBe(false);
    // Orientation 6 turns the image a quarter clockwise: 300 × 200 becomes 200 × 300, the left (red) half on top.
    expect([original.width, original.height, after.width, after.height]).toEqual([200, 300, 200, 300]);
    expect(isRed(await pixelAt(original.bytes, 100, 40))).toBe(true);
    expect(isBlue(await pixelAt(original.bytes, 100, 260))).toBe(true);
  });

  it("converts an embedded colour profile to sRGB and drops it", async () => {
    const input = await solidImage(64, 64).withIccProfile("p3").jpeg().toBuffer();
    expect((await sharp(input).metadata()).hasProfile).toBe(true);
    const { original } = await processImage(input, limits);
    expect((await sharp(original.bytes).metadata()).hasProfile).toBe(false);
  });
});

describe("processImage for de-duplication", () => {
  it("gives the same image the same sha256, whatever metadata it came with", async () => {
    const plain = await twoToneImage(320, 240).png().toBuffer();
    const tagged = await twoToneImage(320, 240).withExif({ IFD0: { Make: "Other" } }).png().toBuffer();
    expect(plain.equals(tagged)).toBe(false);
    const [a, b, c] = await Promise.all([plain, plain, tagged].map((bytes) => processImage(bytes, limits)));
    expect(a!.original.sha256).toBe(b!.original.sha256);
    expect(a!.original.sha256).toBe(c!.original.sha256);
    const other = await processImage(await solidImage(320, 240).png().toBuffer(), limits);
    expect(other.original.sha256).not.toBe(a!.original.sha256);
  });
});

describe("processImage thumbnails", () => {
  it("fits a noisy 4000 × 3000 photo into 512 px and 40 KB", async () => {
    // Grain of 8 px: at thumbnail scale every pixel is independent noise, the worst case for WebP.
    const { original, thumbnail } = await processImage(await noisyPhoto(4000, 3000, 8), limits);
    expect([original.width, original.height]).toEqual([4000, 3000]);
    expect(thumbnail.bytes.length).toBeLessThanOrEqual(THUMBNAIL_MAX_BYTES);
    expect(Math.max(thumbnail.width, thumbnail.height)).toBeLessThanOrEqual(512);
    const meta = await sharp(thumbnail.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", thumbnail.width, thumbnail.height]);
  });

  it("shrinks below 512 px when no quality fits pure per-pixel noise into 40 KB", async () => {
    const input = await noisyPhoto(1024, 1024, 1);
    const { thumbnail } = await processImage(input, limits);
    expect(thumbnail.bytes.length).toBeLessThanOrEqual(THUMBNAIL_MAX_BYTES);
    expect(thumbnail.width).toBe(thumbnail.height);
    expect(thumbnail.width).toBeLessThan(512);
  });

  it("never enlarges a small image", async () => {
    const { thumbnail } = await processImage(await solidImage(40, 30).png().toBuffer(), limits);
    expect([thumbnail.width, thumbnail.height]).toEqual([40, 30]);
  });
});
