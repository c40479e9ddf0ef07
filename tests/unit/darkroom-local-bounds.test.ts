import { randomBytes } from "node:crypto";

import sharp from "sharp";
import { describe, expect, it } from "vitest";

import { LocalModelInputError } from "@/lib/models/darkroom-local/local-model-input-error";
import { runDarkroomLocal } from "@/lib/models/darkroom-local/run-darkroom-local";

/** Random pixels: the PNG hardly compresses (about width × height × 3 bytes), the worst case for the output. */
async function noisePng(side: number): Promise<Buffer> {
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

function request(png: Buffer, extra: Record<string, unknown> = {}) {
  return {
    model: "darkroom-local",
    messages: [
      {
        role: "user",
        content: [
          // A turn by a right angle keeps every pixel (and the noise) as it is.
          { type: "text" as const, text: "rotate 180" },
          { type: "image_url" as const, image_url: { url: `data:image/png;base64,${png.toString("base64")}` } },
        ],
      },
    ],
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (reason: unknown) => reason,
  );
}

describe("darkroom-local output bounds", () => {
  it("refuses n=10 results of 2048² noise (a ~340 MB body) with output_too_large under the default budget", { timeout: 120_000 }, async () => {
    const png = await noisePng(2048);
    const error = await rejection(runDarkroomLocal(request(png, { n: 10 }), { signal: new AbortController().signal }));
    expect(error).toBeInstanceOf(LocalModelInputError);
    expect(error).toMatchObject({ code: "output_too_large", param: "n" });
    expect((error as Error).message).toMatch(/output budget of 64 MB/);
  });

  it("keeps a JSON body within the budget it is given, and under it answers in full", { timeout: 60_000 }, async () => {
    const png = await noisePng(256); // ~200 KB a result, ~520 KB of response each
    const budget = 1024 * 1024;
    const refused = await rejection(runDarkroomLocal(request(png, { n: 3 }), { signal: new AbortController().signal, maxOutputBytes: budget }));
    expect(refused).toMatchObject({ code: "output_too_large" });

    const result = await runDarkroomLocal(request(png, { n: 1 }), { signal: new AbortController().signal, maxOutputBytes: budget });
    if (result.kind !== "json") throw new Error("expected JSON");
    expect(result.bytes.length).toBeLessThanOrEqual(budget);
    expect(result.images).toHaveLength(1);
  });

  it("ends a stream with the output_too_large error event after the images that fit, without [DONE]", { timeout: 60_000 }, async () => {
    const png = await noisePng(256);
    const result = await runDarkroomLocal(request(png, { n: 3, stream: true }), {
      signal: new AbortController().signal,
      maxOutputBytes: 900 * 1024, // one result (~520 KB) fits, two do not
    });
    if (result.kind !== "stream") throw new Error("expected a stream");
    const text = await new Response(result.stream).text();
    expect(text.length).toBeLessThanOrEqual(900 * 1024 + 16 * 1024);
    const events = text.split("\n\n").filter(Boolean).map((event) => event.slice("data: ".length));
    expect(events.at(-1)).not.toBe("[DONE]");
    const last = JSON.parse(events.at(-1)!) as { error?: { code: string } };
    expect(last.error?.code).toBe("output_too_large");
    const images = events.filter((event) => event.includes("data:image/png;base64,"));
    expect(images).toHaveLength(1);
  });
});
