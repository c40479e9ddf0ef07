import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImageRejectedError, type ImageRejectionCode } from "@/lib/images/image-rejected-error";
import { processImage } from "@/lib/images/process-image";
import { bombPng, noiseImage, solidImage } from "@/tests/factories/pipeline-images";
import { cpuMs } from "@/tests/support/cpu-time";

const limits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 };

async function rejection(input: Uint8Array, options: Parameters<typeof processImage>[1] = limits) {
  const error = await processImage(input, options).then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  if (!(error instanceof ImageRejectedError)) throw error;
  return error;
}

async function expectRejected(input: Uint8Array, code: ImageRejectionCode, name?: string) {
  const error = await rejection(input, { ...limits, name });
  expect(error.code).toBe(code);
  return error.message;
}

describe("processImage refuses what is not a PNG, JPEG, WebP or GIF", () => {
  it.each([
    ["HTML named .png", "<!doctype html><html><body><script>alert(1)</script></body></html>"],
    ["an SVG", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`],
    ["plain text", "just some words, not a picture\n"],
  ])("%s", async (_label, text) => {
    const message = await expectRejected(Buffer.from(text), "unsupported_type", "x.png");
    expect(message).toBe("“x.png” isn't a supported image. Use PNG, JPEG, WebP or GIF.");
  });

  it("an image format sharp could open but that is not accepted (TIFF)", async () => {
    const tiff = await solidImage(32, 32).tiff().toBuffer();
    expect(await expectRejected(tiff, "unsupported_type")).toBe(
      "This file isn't a supported image. Use PNG, JPEG, WebP or GIF.",
    );
  });

  it("keeps a hostile name from rewriting the message", async () => {
    const message = await expectRejected(Buffer.from("hello"), "unsupported_type", `evil\u202Egnp.exe${"a".repeat(100)}`);
    expect(message).not.toContain("\u202E");
    expect(message).toMatch(/^“evilgnp\.exea+…” isn't a supported image/);
  });
});

describe("processImage limits", () => {
  it("refuses a file over the byte limit, naming its size and the limit", async () => {
    const input = Buffer.alloc(Math.round(14.15 * 1024 * 1024), 0xff);
    const error = await rejection(input);
    expect(error.code).toBe("too_large");
    expect(error.message).toBe("This file is 14.2 MB; the limit is 10 MB.");
  });

  it("measures a file on disk without reading it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pipeline-test-"));
    try {
      const file = path.join(dir, "huge.png");
      await writeFile(file, await solidImage(8, 8).png().toBuffer());
      await truncate(file, 2 * 1024 * 1024 * 1024); // sparse: 2 GiB claimed, nothing allocated
      const error = await processImage({ path: file }, limits).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageRejectedError);
      expect((error as ImageRejectedError).message).toBe("This file is 2048 MB; the limit is 10 MB.");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a 20000 × 20000 PNG from its header, before decoding it", async () => {
    const bomb = bombPng(20_000, 20_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = cpuMs();
    const error = await rejection(bomb);
    // Decoding 400 MP would take seconds and gigabytes; reading the header takes milliseconds.
    expect(cpuMs() - started).toBeLessThan(1000);
    expect(error.code).toBe("too_many_pixels");
    expect(error.message).toBe("This image is 20000 × 20000 pixels (400 MP); the limit is 40 MP.");
  });

  it("accepts exactly the pixel limit and refuses one row more", async () => {
    const at = await solidImage(100, 100).png().toBuffer();
    await expect(processImage(at, { ...limits, maxPixels: 10_000 })).resolves.toBeDefined();
    const over = await solidImage(100, 101).png().toBuffer();
    const error = await rejection(over, { ...limits, maxPixels: 10_000 });
    expect(error.message).toBe("This image is 100 × 101 pixels (0.1 MP); the limit is 0 MP.");
  });
});

describe("processImage refuses damaged images", () => {
  it("a truncated PNG", async () => {
    const png = await noiseImage(400, 300).png().toBuffer();
    const message = await expectRejected(png.subarray(0, Math.floor(png.length / 2)), "corrupt", "cut.png");
    expect(message).toBe(
      "“cut.png” couldn't be read; it may be damaged or incomplete. Try saving it again as PNG, JPEG, WebP or GIF.",
    );
  });

  it("a truncated JPEG", async () => {
    const jpeg = await noiseImage(400, 300).jpeg().toBuffer();
    await expectRejected(jpeg.subarray(0, Math.floor(jpeg.length / 2)), "corrupt");
  });

  it("a PNG whose header is intact but whose image data is garbage", async () => {
    const png = await solidImage(64, 64).png().toBuffer();
    const headerOnly = png.subarray(0, 8 + 25); // signature and IHDR: file-type and the header read both pass
    await expectRejected(Buffer.concat([headerOnly, Buffer.alloc(200, 7)]), "corrupt");
  });

  it("an empty file", async () => {
    await expectRejected(Buffer.alloc(0), "corrupt");
  });
});

it("maps to the product-wide AppError as a shown 400", async () => {
  const error = await rejection(Buffer.from("nope"));
  const app = error.toAppError("file");
  expect([app.code, app.status, app.expose, app.options.field, app.message]).toEqual([
    "invalid_input",
    400,
    true,
    "file",
    error.message,
  ]);
});
