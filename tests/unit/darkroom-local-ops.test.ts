import sharp from "sharp";
import { describe, expect, it } from "vitest";

import { DUOTONE_DARK } from "@/lib/models/darkroom-local/apply-edit-op";
import type { ChatCompletion } from "@/lib/models/darkroom-local/build-completion";
import { runDarkroomLocal } from "@/lib/models/darkroom-local/run-darkroom-local";

type Rgba = [number, number, number, number];
const RED: Rgba = [255, 0, 0, 255];
const GREEN: Rgba = [0, 255, 0, 255];
const BLUE: Rgba = [0, 0, 255, 255];
const GREY: Rgba = [100, 100, 100, 255];

/** A 64×48 PNG in four quadrants: red | green over blue | grey (or any colours given). */
async function quadrantPng(width = 64, height = 48, colours: Rgba[] = [RED, GREEN, BLUE, GREY]) {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = colours[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)]!;
      data.set(colour, (y * width + x) * 4);
    }
  }
  return sharp(data, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString("base64")}`;

function request(prompt: string, images: Buffer[], n?: number) {
  return {
    model: "darkroom-local",
    n,
    messages: [
      {
        role: "user",
        content: [
          { type: "text" as const, text: prompt },
          ...images.map((png) => ({ type: "image_url" as const, image_url: { url: dataUrl(png) } })),
        ],
      },
    ],
  };
}

type Decoded = { width: number; height: number; at: (x: number, y: number) => Rgba; data: Buffer };

async function decode(url: string): Promise<Decoded> {
  const png = Buffer.from(url.replace(/^data:image\/png;base64,/, ""), "base64");
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)] as Rgba;
  return { width: info.width, height: info.height, at, data };
}

/** Runs the model non-stream and decodes every image it returned. */
async function edit(prompt: string, images: Buffer[], n?: number) {
  const result = await runDarkroomLocal(request(prompt, images, n), { signal: new AbortController().signal });
  if (result.kind !== "json") throw new Error("expected a JSON result");
  const body = JSON.parse(result.bytes.toString("utf8")) as ChatCompletion;
  const urls = body.choices[0]!.message.images.map((part) => part.image_url.url);
  return { body, images: await Promise.all(urls.map(decode)) };
}

async function editOne(prompt: string, png?: Buffer) {
  const { images } = await edit(prompt, [png ?? (await quadrantPng())]);
  expect(images).toHaveLength(1);
  return images[0]!;
}

function everyPixel(image: Decoded, check: (pixel: Rgba) => boolean) {
  for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) if (!check(image.at(x, y))) return false;
  return true;
}

describe("darkroom-local edits", () => {
  it("grayscale makes r = g = b and keeps the picture", async () => {
    const out = await editOne("make it black and white");
    expect(everyPixel(out, ([r, g, b]) => r === g && g === b)).toBe(true);
    expect(out.at(5, 5)[0]).not.toBe(out.at(60, 5)[0]);
  });

  it("invert maps each channel v to 255 - v and keeps alpha", async () => {
    const half = [10, 200, 30, 128] as Rgba;
    const out = await editOne("invert", await quadrantPng(64, 48, [RED, GREEN, half, GREY]));
    expect(out.at(5, 5)).toEqual([0, 255, 255, 255]);
    expect(out.at(60, 5)).toEqual([255, 0, 255, 255]);
    expect(out.at(60, 40)).toEqual([155, 155, 155, 255]);
    expect(out.at(5, 40)).toEqual([245, 55, 225, 128]);
  });

  it("rotate 90 turns clockwise: sides swap and the top-left corner moves to the top right", async () => {
    const out = await editOne("rotate 90");
    expect([out.width, out.height]).toEqual([48, 64]);
    expect(out.at(47, 0)).toEqual(RED);
    expect(out.at(0, 0)).toEqual(BLUE);
  });

  it("rotate left, upside down", async () => {
    const left = await editOne("rotate left");
    expect([left.width, left.height]).toEqual([48, 64]);
    expect(left.at(0, 0)).toEqual(GREEN);
    const upsideDown = await editOne("turn it upside down");
    expect([upsideDown.width, upsideDown.height]).toEqual([64, 48]);
    expect(upsideDown.at(0, 0)).toEqual(GREY);
    expect(upsideDown.at(63, 47)).toEqual(RED);
  });

  it("mirror swaps left and right, flip swaps top and bottom", async () => {
    const mirrored = await editOne("mirror");
    expect([mirrored.at(0, 0), mirrored.at(63, 0), mirrored.at(0, 47)]).toEqual([GREEN, RED, GREY]);
    const flipped = await editOne("flip");
    expect([flipped.at(0, 0), flipped.at(0, 47), flipped.at(63, 0)]).toEqual([BLUE, RED, GREY]);
  });

  it("sepia gives r ≥ g ≥ b everywhere", async () => {
    const out = await editOne("sepia");
    expect(everyPixel(out, ([r, g, b]) => r >= g && g >= b)).toBe(true);
    expect(out.at(5, 5)).not.toEqual(RED);
  });

  it("blur lowers the contrast between neighbours across an edge; sharpen raises it again", async () => {
    const step = (image: Decoded) => Math.abs(image.at(31, 10)[1] - image.at(32, 10)[1]);
    const blurred = await editOne("blur 3");
    expect(step(blurred)).toBeLessThan(255 / 4);
    const sharpened = await editOne("blur 3 then sharpen");
    expect(step(sharpened)).toBeGreaterThan(step(blurred));
  });

  it("brighten, darken, contrast, warm and cool move the grey quadrant the expected way", async () => {
    const grey = async (prompt: string) => (await editOne(prompt)).at(60, 40);
    expect((await grey("brighten"))[0]).toBeGreaterThan(100);
    expect((await grey("darken"))[0]).toBeLessThan(100);
    expect((await grey("more contrast"))[0]).toBeLessThan(100);
    expect((await grey("less contrast"))[0]).toBeGreaterThan(100);
    const [wr, , wb] = await grey("warmer");
    expect(wr).toBeGreaterThan(wb);
    const [cr, , cb] = await grey("cooler");
    expect(cb).toBeGreaterThan(cr);
  });

  it("pixelate makes uniform blocks; resize and thumbnail fit inside the bound", async () => {
    const pixelated = await editOne("pixelate 16", await sharp(await quadrantPng()).resize(128, 96).blur(8).png().toBuffer());
    expect([pixelated.width, pixelated.height]).toEqual([128, 96]);
    expect(pixelated.at(17, 17)).toEqual(pixelated.at(30, 30));
    expect(pixelated.at(17, 17)).not.toEqual(pixelated.at(48, 48));
    const resized = await editOne("resize to 32");
    expect([resized.width, resized.height]).toEqual([32, 24]);
    const thumbnail = await editOne("thumbnail", await quadrantPng(600, 400));
    expect([thumbnail.width, thumbnail.height]).toEqual([256, 171]);
  });

  it("with no edit named, applies a visible duotone and a border", async () => {
    const out = await editOne("make it nice");
    expect([out.width, out.height]).toEqual([68, 52]);
    expect(out.at(0, 0)).toEqual([...DUOTONE_DARK, 255]);
    expect(out.at(10, 10)).not.toEqual(RED);
    expect(out.at(10, 10)).not.toEqual(out.at(60, 10));
  });

  it("applies combined edits in prompt order", async () => {
    const rotateThenMirror = await editOne("rotate 90 then mirror");
    expect(rotateThenMirror.at(0, 0)).toEqual(RED);
    const mirrorThenRotate = await editOne("mirror then rotate 90");
    expect(mirrorThenRotate.at(0, 0)).toEqual(GREY);
    const grayRotated = await editOne("grayscale and rotate 90");
    expect([grayRotated.width, grayRotated.height]).toEqual([48, 64]);
    expect(everyPixel(grayRotated, ([r, g, b]) => r === g && g === b)).toBe(true);
  });

  it("returns one result per input image, each at its own size", async () => {
    const { images, body } = await edit("invert", [await quadrantPng(), await quadrantPng(20, 10)]);
    expect(images.map((image) => [image.width, image.height])).toEqual([[64, 48], [20, 10]]);
    expect(images[1]!.at(0, 0)).toEqual([0, 255, 255, 255]);
    expect(body.choices[0]!.message.content.match(/!\[result\]\(data:image\/png;base64,/g)).toHaveLength(2);
  });

  it("n = 3 returns three distinct, deterministic variants", async () => {
    const png = await quadrantPng();
    const first = await edit("sepia", [png], 3);
    const second = await edit("sepia", [png], 3);
    expect(first.images).toHaveLength(3);
    expect(first.images[0]!.data.equals(first.images[1]!.data)).toBe(false);
    first.images.forEach((image, i) => expect(image.data.equals(second.images[i]!.data)).toBe(true));
  });

  it("generates a 512×512 image from the prompt alone, the same for the same prompt", async () => {
    const one = await edit("a lighthouse at dusk", []);
    const again = await edit("a lighthouse at dusk", []);
    const other = await edit("a forest in spring", []);
    expect(one.images).toHaveLength(1);
    expect([one.images[0]!.width, one.images[0]!.height]).toEqual([512, 512]);
    expect(one.images[0]!.data.equals(again.images[0]!.data)).toBe(true);
    expect(one.images[0]!.data.equals(other.images[0]!.data)).toBe(false);
    const gray = await edit("a lighthouse at dusk in grayscale", []);
    expect(everyPixel(gray.images[0]!, ([r, g, b]) => r === g && g === b)).toBe(true);
  });

  it("shrinks a large input to 2048 px on its long side", async () => {
    const big = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: "#336699" } }).png().toBuffer();
    const out = await editOne("invert", big);
    expect([out.width, out.height]).toEqual([2048, 683]);
  });

  it("keeps every step within 2048 px, even when turns by odd angles grow the canvas", async () => {
    const big = await sharp({ create: { width: 2048, height: 1024, channels: 3, background: "#336699" } }).png().toBuffer();
    const out = await editOne("rotate 45 rotate 45 rotate 45", big);
    expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(2048);
    expect(out.at(0, 0)[3]).toBe(0);
  });

  it("reads JPEG and WebP inputs too", async () => {
    const jpeg = await sharp(await quadrantPng()).jpeg().toBuffer();
    const webp = await sharp(await quadrantPng()).webp({ lossless: true }).toBuffer();
    for (const input of [jpeg, webp]) {
      const out = await editOne("mirror", input);
      expect([out.width, out.height]).toEqual([64, 48]);
    }
  });
});
