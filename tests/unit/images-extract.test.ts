import { describe, expect, it } from "vitest";
import { createImageCollector } from "@/lib/gateway/images/create-image-collector";
import { createMarkdownImageScanner } from "@/lib/gateway/images/create-markdown-image-scanner";
import { createStreamImageExtractor } from "@/lib/gateway/images/create-stream-image-extractor";
import { decodeDataUrl } from "@/lib/gateway/images/decode-data-url";
import { extractImagesFromCompletion } from "@/lib/gateway/images/extract-images-from-completion";
import type { ImageReference } from "@/lib/gateway/images/image-reference";
import { makeGradientPng } from "@/tests/fixtures/fake-upstream/make-png";
import { readSpecFixtures, seededRandom } from "@/tests/fixtures/fake-upstream/read-spec-fixtures";
import { cpuMs } from "../support/cpu-time";

const PNG = makeGradientPng("test");
const DATA_URL = `data:image/png;base64,${PNG.toString("base64")}`;

/** Markdown text → images, fed in pieces of the given sizes (cycled). */
function scanMarkdown(text: string, sizes: number[] = [text.length || 1]): ImageReference[] {
  const collector = createImageCollector({ keepData: true });
  const scanner = createMarkdownImageScanner(collector);
  for (let i = 0, k = 0; i < text.length; k++) {
    const size = sizes[k % sizes.length]!;
    scanner.write(text.slice(i, i + size));
    i += size;
  }
  scanner.end();
  return collector.images;
}

const urls = (images: ImageReference[]) => images.map((i) => (i.kind === "url" ? i.url : `data:${i.mime}:${i.byteLength}`));

describe("markdown images", () => {
  it.each([
    ["![a](https://e.example/a.png)", ["https://e.example/a.png"]],
    ["![](http://e.example/a.png)", ["http://e.example/a.png"]],
    ["text ![a](https://e.example/a.png) and ![b](https://e.example/b.png)", ["https://e.example/a.png", "https://e.example/b.png"]],
    ['![a](https://e.example/a.png "title")', ["https://e.example/a.png"]],
    ["![a](https://e.example/a.png 'title')", ["https://e.example/a.png"]],
    ["![a](https://e.example/a.png (title))", ["https://e.example/a.png"]],
    ["![a](<https://e.example/a b.png>)", ["https://e.example/a%20b.png"]],
    ["![a]( https://e.example/a.png )", ["https://e.example/a.png"]],
    ["![a](https://e.example/a_(1).png)", ["https://e.example/a_(1).png"]],
    ["![a [nested] alt](https://e.example/a.png)", ["https://e.example/a.png"]],
    ["![a \\] bracket](https://e.example/a.png)", ["https://e.example/a.png"]],
    ["[![inner](https://e.example/i.png)](https://e.example/link)", ["https://e.example/i.png"]],
    ["!![a](https://e.example/a.png)", ["https://e.example/a.png"]],
    ["\\\\![a](https://e.example/a.png)", ["https://e.example/a.png"]], // an escaped backslash, then an image
    ["![a](HTTPS://E.EXAMPLE/A.png)", ["https://e.example/A.png"]],
    ["![a](https://e.example/a.png)![a](https://e.example/a.png)", ["https://e.example/a.png"]], // same image once
  ])("%s", (text, expected) => {
    expect(urls(scanMarkdown(text))).toEqual(expected);
  });

  it.each([
    ["[download](https://e.example/a.png)"],
    ["`![x](https://e.example/x.png)`"],
    ["``![x](https://e.example/x.png)``"],
    ["`` a ` ![x](https://e.example/x.png) ``"],
    ["```\n![y](https://e.example/y.png)\n```"],
    ["~~~\n![y](https://e.example/y.png)\n~~~"],
    ["  ```js\n![y](https://e.example/y.png)\n  ```"],
    ["````\n```\n![y](https://e.example/y.png)\n````"],
    ["```\nunclosed fence runs to the end\n![y](https://e.example/y.png)"],
    ["\\![z](https://e.example/z.png)"],
    ["![a][ref]\n\n[ref]: https://e.example/a.png"],
    ["![a](/relative.png)"],
    ["![a](javascript:alert(1))"],
    ["![a](ftp://e.example/a.png)"],
    ["![a](data:text/plain;base64,aGVsbG8=)"],
    ["![a](data:image/png,notbase64)"],
    ["![a](https://e.example/a.png"], // never closed
    ["![a] (https://e.example/a.png)"], // a space breaks the syntax
    ["![a](https://e.example/a.png x)"], // junk after the destination
  ])("not an image: %s", (text) => {
    expect(scanMarkdown(text)).toEqual([]);
  });

  it("treats an unmatched backtick as literal (the rest of the paragraph is still scanned)", () => {
    expect(urls(scanMarkdown("it`s done ![a](https://e.example/a.png)"))).toEqual(["https://e.example/a.png"]);
    expect(urls(scanMarkdown("it`s done\n\n![a](https://e.example/a.png)"))).toEqual(["https://e.example/a.png"]);
    expect(urls(scanMarkdown(`a \`${"x".repeat(5000)} ![a](https://e.example/a.png)`))).toEqual(["https://e.example/a.png"]);
  });

  it("decodes a markdown data URL image", () => {
    const [image] = scanMarkdown(`Done.\n\n![image](${DATA_URL})`);
    expect(image).toMatchObject({ kind: "data", mime: "image/png", byteLength: PNG.length, source: "markdown" });
    expect(Buffer.from((image as { bytes: Uint8Array }).bytes).equals(PNG)).toBe(true);
  });

  it("recognises the same images whatever the split, down to one character per piece", () => {
    const text =
      "> progress **80%**\n\n`![c](https://e.example/c.png)`\n![res](https://e.example/r.png)\n" +
      `[download](https://e.example/dl.png)\n![d](${DATA_URL})\n\`\`\`\n![f](https://e.example/f.png)\n\`\`\`\n` +
      "\\![e](https://e.example/e.png) ![last](<https://e.example/l.png> 'x')";
    const expected = urls(scanMarkdown(text));
    expect(expected).toEqual(["https://e.example/r.png", `data:image/png:${PNG.length}`, "https://e.example/l.png"]);
    expect(urls(scanMarkdown(text, [1]))).toEqual(expected);
    for (let seed = 1; seed <= 100; seed++) {
      const random = seededRandom(seed);
      const sizes = Array.from({ length: 50 }, () => 1 + Math.floor(random() * 12));
      expect(urls(scanMarkdown(text, sizes))).toEqual(expected);
    }
  });
});

describe("extractImagesFromCompletion", () => {
  const fixtures = readSpecFixtures().filter((f) => !f.stream);

  it.each(fixtures.map((f) => [f.name, f] as const))("%s yields the README's image count", (_name, fixture) => {
    const images = extractImagesFromCompletion(JSON.parse(fixture.bytes.toString("utf8")), { keepData: true });
    expect(images.length).toBe(fixture.expectedImages);
    for (const image of images) {
      if (image.kind === "url") expect(image.url).toMatch(/^https:\/\//);
      else expect(Buffer.from(image.bytes!).subarray(1, 4).toString()).toBe("PNG");
    }
  });

  it("reads all four forms, across choices, reporting duplicates once", () => {
    const body = {
      choices: [
        {
          message: {
            content: [
              { type: "text", text: "![a](https://e.example/a.png)" },
              { type: "image_url", image_url: { url: DATA_URL } },
              { type: "image_url", image_url: { url: "https://e.example/p.png" } },
            ],
            images: [
              { type: "image_url", image_url: { url: DATA_URL } }, // same bytes as the part
              { type: "image_url", image_url: "https://e.example/s.png" },
              { type: "image_url", image_url: { url: "ftp://e.example/x.png" } },
              null,
            ],
          },
        },
        { message: { content: "![b](https://e.example/b.png)" } },
        { message: null },
      ],
    };
    expect(extractImagesFromCompletion(body).map((i) => [i.kind, i.source])).toEqual([
      ["url", "markdown"],
      ["data", "content_part"],
      ["url", "content_part"],
      ["url", "images"],
      ["url", "markdown"],
    ]);
  });

  it("returns nothing for bodies that are not completions", () => {
    for (const body of [null, 1, "x", [], {}, { choices: "x" }, { error: { message: "x" } }]) {
      expect(extractImagesFromCompletion(body)).toEqual([]);
    }
  });

  it("stops at maxImages", () => {
    const content = Array.from({ length: 10 }, (_, i) => `![${i}](https://e.example/${i}.png)`).join(" ");
    expect(extractImagesFromCompletion({ choices: [{ message: { content } }] }, { maxImages: 3 }).length).toBe(3);
  });
});

describe("createStreamImageExtractor", () => {
  it("follows a markdown data URL split over many deltas, streaming decoded bytes to a sink", () => {
    const written: Uint8Array[] = [];
    const events: string[] = [];
    const extractor = createStreamImageExtractor({
      openDataSink: ({ mime }) => (
        events.push(`open ${mime}`),
        { write: (b) => written.push(b), close: () => events.push("close"), abort: () => events.push("abort") }
      ),
      onImage: (image) => events.push(`image ${image.kind}`),
    });
    const text = `![x](${DATA_URL})`;
    for (let i = 0; i < text.length; i += 5) extractor.pushDelta(0, { content: text.slice(i, i + 5) });
    extractor.end();
    expect(events).toEqual(["open image/png", "close", "image data"]);
    expect(written.length).toBeGreaterThan(10);
    expect(Buffer.concat(written).equals(PNG)).toBe(true);
    expect(extractor.images[0]).not.toHaveProperty("bytes");
  });

  it("aborts the sink of an image whose syntax never closes", () => {
    const events: string[] = [];
    const extractor = createStreamImageExtractor({
      openDataSink: () => ({ write: () => {}, close: () => events.push("close"), abort: () => events.push("abort") }),
    });
    extractor.pushDelta(0, { content: `![x](${DATA_URL.slice(0, 60)}` });
    extractor.end();
    expect(events).toEqual(["abort"]);
    expect(extractor.images).toEqual([]);
  });

  it("keeps choices apart and counts their text", () => {
    const extractor = createStreamImageExtractor();
    expect(extractor.pushDelta(0, { content: "![a](https://e.example/" })).toBe(23);
    extractor.pushDelta(1, { content: "![b](https://e.example/b.png)" });
    extractor.pushDelta(0, { content: "a.png)" });
    extractor.pushDelta(1, { images: [{ type: "image_url", image_url: { url: "https://e.example/c.png" } }] });
    extractor.end();
    expect(urls([...extractor.images])).toEqual(["https://e.example/b.png", "https://e.example/a.png", "https://e.example/c.png"]);
  });

  it("handles a 4 MiB data URL in 64 KiB deltas quickly, without keeping the text", () => {
    const payload = Buffer.alloc(3 * 1024 * 1024 + 7, 0xab).toString("base64");
    const text = `progress\n\n![big](data:image/png;base64,${payload})\n[download](https://e.example/d)`;
    let total = 0;
    const extractor = createStreamImageExtractor({
      openDataSink: () => ({ write: (b) => void (total += b.length), close: () => {}, abort: () => {} }),
    });
    const started = cpuMs();
    for (let i = 0; i < text.length; i += 64 * 1024) extractor.pushDelta(0, { content: text.slice(i, i + 64 * 1024) });
    extractor.end();
    expect(cpuMs() - started).toBeLessThan(500);
    expect(total).toBe(3 * 1024 * 1024 + 7);
    expect(extractor.images).toMatchObject([{ kind: "data", byteLength: total }]);
  });
});

describe("decodeDataUrl", () => {
  it("decodes image data URLs and refuses the rest", () => {
    expect(decodeDataUrl(DATA_URL)).toMatchObject({ mime: "image/png" });
    expect(Buffer.from(decodeDataUrl(DATA_URL)!.bytes).equals(PNG)).toBe(true);
    expect(decodeDataUrl("data:IMAGE/JPEG;name=x.jpg;base64,/9j/")?.mime).toBe("image/jpeg");
    expect(decodeDataUrl("data:text/html;base64,PGI+")).toBeNull();
    expect(decodeDataUrl("https://e.example/a.png")).toBeNull();
  });
});
