import { access, readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStreamImageExtractor } from "@/lib/gateway/images/create-stream-image-extractor";
import { extractImagesFromCompletion } from "@/lib/gateway/images/extract-images-from-completion";
import type { DataImageReference, ImageReference } from "@/lib/gateway/images/image-reference";
import { createDataSpill } from "@/lib/images/create-data-spill";
import { ImageRejectedError } from "@/lib/images/image-rejected-error";
import { processImage } from "@/lib/images/process-image";
import { readModelOutputImage } from "@/lib/images/read-model-output-image";
import { OutboundBlockedError, OutboundFetchError } from "@/lib/net/outbound-errors";
import { solidImage, twoToneImage } from "@/tests/factories/pipeline-images";
import { startRecordingServer, type RecordingServer } from "@/tests/fixtures/fake-upstream/start-recording-server";

const limits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 };

const dataUrl = (bytes: Buffer, mime = "image/png") => `data:${mime};base64,${bytes.toString("base64")}`;

describe("readModelOutputImage", () => {
  let server: RecordingServer;
  let blocked: RecordingServer;
  let png: Buffer;
  let allowHosts: string[];

  beforeAll(async () => {
    png = await twoToneImage(120, 80).png().toBuffer();
    server = await startRecordingServer((req, res) => {
      if (req.url === "/result.png") return res.writeHead(200, { "content-type": "image/png" }).end(png);
      if (req.url === "/big") return res.writeHead(200).end(Buffer.alloc(4096));
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>gone</h1>");
    });
    blocked = await startRecordingServer();
    allowHosts = [`127.0.0.1:${server.port}`];
  });
  afterAll(async () => {
    await Promise.all([server.close(), blocked.close()]);
  });

  const options = () => ({ allowHosts, maxBytes: limits.maxBytes });

  it("returns the decoded bytes of a data image", async () => {
    const images = extractImagesFromCompletion(
      { choices: [{ message: { content: `Done: ![edit](${dataUrl(png)})` } }] },
      { keepData: true },
    );
    expect(images).toHaveLength(1);
    const bytes = await readModelOutputImage(images[0]!, options());
    expect(bytes.equals(png)).toBe(true);
    expect((await processImage(bytes, limits)).original.width).toBe(120);
  });

  it("fetches a URL image from an allowed host", async () => {
    const ref: ImageReference = { kind: "url", url: `http://127.0.0.1:${server.port}/result.png`, source: "markdown" };
    const bytes = await readModelOutputImage(ref, options());
    expect(bytes.equals(png)).toBe(true);
  });

  it("refuses a host that is not allow-listed without connecting to it", async () => {
    const ref: ImageReference = { kind: "url", url: `http://127.0.0.1:${blocked.port}/x.png`, source: "images" };
    await expect(readModelOutputImage(ref, options())).rejects.toBeInstanceOf(OutboundBlockedError);
    expect(blocked.connections).toBe(0);
  });

  it("treats an error status as a failed fetch, not an image", async () => {
    const ref: ImageReference = { kind: "url", url: `http://127.0.0.1:${server.port}/missing.png`, source: "images" };
    const error = await readModelOutputImage(ref, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundFetchError);
    expect((error as Error).message).toContain("404");
  });

  it("holds a URL image to the upload size limit", async () => {
    const ref: ImageReference = { kind: "url", url: `http://127.0.0.1:${server.port}/big`, source: "images" };
    const error = await readModelOutputImage(ref, { allowHosts, maxBytes: 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageRejectedError);
    expect((error as ImageRejectedError).message).toBe("This image is larger than the limit of 1 KB.");
  });
});

describe("createDataSpill", () => {
  it("streams data images to files that processImage reads, and removes them on dispose", async () => {
    const first = await twoToneImage(300, 200).png().toBuffer();
    const second = await solidImage(64, 64).jpeg().toBuffer();
    const spill = await createDataSpill({ maxBytes: limits.maxBytes });
    try {
      const refs: ImageReference[] = [];
      const extractor = createStreamImageExtractor({ openDataSink: spill.openDataSink, onImage: (r) => refs.push(r) });
      const text = `![a](${dataUrl(first)}) and ![b](${dataUrl(second, "image/jpeg")}) and again ![a](${dataUrl(first)})`;
      for (let i = 0; i < text.length; i += 1000) extractor.pushDelta(0, { content: text.slice(i, i + 1000) });
      extractor.end();

      expect(refs).toHaveLength(2); // the repeated image is reported once and its file discarded
      const results = [];
      for (const ref of refs as DataImageReference[]) {
        results.push(await processImage({ path: await spill.pathFor(ref) }, limits));
      }
      expect(results.map((r) => [r.original.mime, r.original.width])).toEqual([
        ["image/png", 300],
        ["image/jpeg", 64],
      ]);
      expect((await processImage(first, limits)).original.sha256).toBe(results[0]!.original.sha256);
      await expect.poll(async () => (await readdir(spill.dir!)).length).toBe(2);
    } finally {
      await spill.dispose();
    }
    await expect(access(spill.dir!)).rejects.toThrow();
  });

  it("stops writing past maxBytes and refuses the image as too large", async () => {
    const big = await solidImage(200, 200).png({ compressionLevel: 0 }).toBuffer();
    const spill = await createDataSpill({ maxBytes: 10_000 });
    try {
      const refs: ImageReference[] = [];
      const extractor = createStreamImageExtractor({ openDataSink: spill.openDataSink, onImage: (r) => refs.push(r) });
      extractor.pushDelta(0, { content: `![big](${dataUrl(big)})` });
      extractor.end();
      const error = await spill.pathFor(refs[0] as DataImageReference).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageRejectedError);
      expect((error as ImageRejectedError).code).toBe("too_large");
    } finally {
      await spill.dispose();
    }
  });
});
