import { crc32, deflateSync } from "node:zlib";

import sharp from "sharp";
import { describe, expect, it } from "vitest";

import type { ChatCompletion } from "@/lib/models/darkroom-local/build-completion";
import { LocalModelInputError } from "@/lib/models/darkroom-local/local-model-input-error";
import { runDarkroomLocal } from "@/lib/models/darkroom-local/run-darkroom-local";
import type { LoadImage } from "@/lib/models/darkroom-local/types";

const smallPng = () => sharp({ create: { width: 16, height: 12, channels: 3, background: "#c0ffee" } }).png().toBuffer();
const asDataUrl = (bytes: Buffer, mime = "image/png") => `data:${mime};base64,${bytes.toString("base64")}`;

function request(urls: string[], extra: Record<string, unknown> = {}) {
  return {
    model: "darkroom-local",
    messages: [
      {
        role: "user",
        content: [
          { type: "text" as const, text: "invert" },
          ...urls.map((url) => ({ type: "image_url" as const, image_url: { url } })),
        ],
      },
    ],
    ...extra,
  };
}

const run = (body: ReturnType<typeof request>, loadImage?: LoadImage) =>
  runDarkroomLocal(body, { signal: new AbortController().signal, loadImage });

async function inputError(promise: Promise<unknown>): Promise<LocalModelInputError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LocalModelInputError);
  return error as LocalModelInputError;
}

/** A PNG whose header claims width × height over one tiny compressed row: a decompression bomb's outline. */
function craftedPng(width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(1 + width * 3))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("darkroom-local input errors", () => {
  it("refuses a data URL with broken base64, naming the image and its field", async () => {
    const error = await inputError(run(request([asDataUrl(await smallPng()), "data:image/png;base64,%%%not-base64"])));
    expect(error).toMatchObject({ code: "invalid_image_url", status: 400, type: "invalid_request_error" });
    expect(error.message).toMatch(/^image 2: /);
    expect(error.param).toBe("messages[0].content[2].image_url.url");
  });

  it("refuses bytes that are not an image", async () => {
    const error = await inputError(run(request([asDataUrl(Buffer.from("hello, this is not a picture at all"))])));
    expect(error).toMatchObject({ code: "unsupported_image", message: "image 1 is not a supported image (PNG, JPEG, WebP or GIF)" });
  });

  it("refuses image formats outside the contract, such as SVG and TIFF", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const tiff = await sharp(await smallPng()).tiff().toBuffer();
    for (const bytes of [svg, tiff]) {
      const error = await inputError(run(request([asDataUrl(bytes)])));
      expect(error.code).toBe("unsupported_image");
    }
  });

  it("refuses a 20000×20000 PNG from its header, before decoding any pixel", async () => {
    const bomb = craftedPng(20_000, 20_000);
    expect(bomb.length).toBeLessThan(100_000);
    const started = Date.now();
    const error = await inputError(run(request([asDataUrl(bomb)])));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: "image_too_large", param: "messages[0].content[1].image_url.url" });
    expect(error.message).toBe("image 1 is too large: 20000×20000 pixels (darkroom-local accepts up to 40 megapixels)");
  });

  it("refuses a truncated image: before a non-stream answer, as an error event inside a stream", async () => {
    const truncated = craftedPng(64, 64).subarray(0, 60);
    const error = await inputError(run(request([asDataUrl(truncated)])));
    expect(error.code).toBe("unsupported_image");

    const result = await run(request([asDataUrl(truncated)], { stream: true }));
    if (result.kind !== "stream") throw new Error("expected a stream");
    const text = await new Response(result.stream).text();
    const last = text.trim().split("\n\n").at(-1)!;
    expect(JSON.parse(last.slice("data: ".length))).toMatchObject({
      error: { type: "invalid_request_error", code: "unsupported_image" },
    });
    expect(text).not.toContain("[DONE]");
  });

  it("reads only data: URLs by default, and any URL through the injected loader", async () => {
    const error = await inputError(run(request(["https://example.com/cat.png"])));
    expect(error).toMatchObject({ code: "invalid_image_url", message: "image 1: darkroom-local can only read data: image URLs here" });

    const png = await smallPng();
    const seen: string[] = [];
    const result = await run(request(["https://example.com/cat.png"]), async (url, signal) => {
      expect(signal).toBeInstanceOf(AbortSignal);
      seen.push(url);
      return png;
    });
    expect(seen).toEqual(["https://example.com/cat.png"]);
    expect(result.kind).toBe("json");
  });

  it("passes the injected loader's own errors through unchanged", async () => {
    const refused = new Error("blocked by the SSRF guard");
    await expect(run(request(["http://127.0.0.1/x.png"]), () => Promise.reject(refused))).rejects.toBe(refused);
  });

  it("refuses more than 10 results (input images × n) before loading anything", async () => {
    const png = asDataUrl(await smallPng());
    let loads = 0;
    const counting: LoadImage = async (url) => {
      loads += 1;
      return Buffer.from(url.split(",")[1]!, "base64");
    };
    const error = await inputError(run(request([png, png, png], { n: 4 }), counting));
    expect(error).toMatchObject({ code: "too_many_images", param: "n" });
    expect(loads).toBe(0);
    await expect(run(request(Array(11).fill(png)))).rejects.toBeInstanceOf(LocalModelInputError);
  });

  it("edits the image of an earlier user message when the last one has none", async () => {
    const png = await smallPng();
    const body = {
      model: "darkroom-local",
      messages: [
        { role: "user", content: [{ type: "image_url" as const, image_url: { url: asDataUrl(png) } }] },
        { role: "assistant", content: "What should I do with it?" },
        { role: "user", content: "rotate 90" },
      ],
    };
    const result = await runDarkroomLocal(body, { signal: new AbortController().signal });
    if (result.kind !== "json") throw new Error("expected JSON");
    const completion = JSON.parse(result.bytes.toString("utf8")) as ChatCompletion;
    const url = completion.choices[0]!.message.images[0]!.image_url.url;
    const meta = await sharp(Buffer.from(url.split(",")[1]!, "base64")).metadata();
    expect([meta.width, meta.height]).toEqual([12, 16]);
  });
});
