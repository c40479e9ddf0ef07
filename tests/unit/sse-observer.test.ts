import { describe, expect, it } from "vitest";
import { createChatStreamObserver, type ChatStreamObserver } from "@/lib/gateway/sse/create-chat-stream-observer";
import { readSpecFixtures, splitEvery, splitRandomly } from "@/tests/fixtures/fake-upstream/read-spec-fixtures";
import { cpuMs } from "../support/cpu-time";

const fixtures = readSpecFixtures().filter((f) => f.stream);
const byName = (name: string) => fixtures.find((f) => f.name === name)!;
const USAGE = { prompt_tokens: 31, completion_tokens: 1302, total_tokens: 1333 };

function observe(chunks: Iterable<Uint8Array>): ChatStreamObserver {
  const observer = createChatStreamObserver({ images: { keepData: true } });
  for (const chunk of chunks) observer.push(chunk);
  observer.end();
  return observer;
}

function snapshot(o: ChatStreamObserver) {
  return {
    id: o.id,
    model: o.model,
    usage: o.usage,
    done: o.done,
    error: o.error,
    textChars: o.textChars,
    finishReason: o.finishReason,
    images: o.images,
    events: o.events,
    malformedEvents: o.malformedEvents,
    bytes: o.bytes,
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("createChatStreamObserver on the spec fixtures", () => {
  it.each(fixtures.map((f) => [f.name, f] as const))("%s: README image count, and the same result for any split", (_n, fixture) => {
    const whole = observe([fixture.bytes]);
    expect(whole.images.length).toBe(fixture.expectedImages);
    expect(whole.bytes).toBe(fixture.bytes.length);
    const expected = snapshot(whole);
    expect(snapshot(observe(splitEvery(fixture.bytes, 1)))).toEqual(expected);
    for (let seed = 1; seed <= 100; seed++) expect(snapshot(observe(splitRandomly(fixture.bytes, seed, 40)))).toEqual(expected);
  });

  it("stream-markdown-url: usage, [DONE], id, model, text and the https image (not the download link)", () => {
    const o = observe([byName("stream-markdown-url.sse").bytes]);
    expect(o.usage).toEqual(USAGE);
    expect(o.done).toBe(true);
    expect(o.error).toBeUndefined();
    expect(o.id).toBe("chatcmpl-fx1");
    expect(o.model).toBe("gpt-4o-image");
    expect(o.finishReason).toBe("stop");
    expect(o.images).toEqual([{ kind: "url", url: "https://cdn.provider.example/out/abc.png", source: "markdown" }]);
    const text = "> progress **20%**\n\n> progress **80%**\n\n![result](https://cdn.provider.example/out/abc.png)\n[download](https://cdn.provider.example/dl/abc.png)";
    expect(o.textChars).toBe(text.length);
  });

  it("stream-crlf-nospace: the same facts through \\r\\n, data: without a space, comments and id/event lines", () => {
    const o = observe([byName("stream-crlf-nospace.sse").bytes]);
    expect(o.usage).toEqual(USAGE);
    expect(o.done).toBe(true);
    expect(o.images.map((i) => i.kind === "url" && i.url)).toEqual(["https://cdn.provider.example/out/abc.png"]);
  });

  it("stream-delta-images-no-done: the data-URL image and usage, no [DONE]", () => {
    const o = observe([byName("stream-delta-images-no-done.sse").bytes]);
    expect(o.done).toBe(false);
    expect(o.usage).toEqual(USAGE);
    expect(o.images).toMatchObject([{ kind: "data", mime: "image/png", source: "images" }]);
    const image = o.images[0]!;
    expect(image.kind === "data" && Buffer.from(image.bytes!).subarray(1, 4).toString()).toBe("PNG");
  });

  it("stream-error-event: the error object, no usage, no image", () => {
    const o = observe([byName("stream-error-event.sse").bytes]);
    expect(o.error).toMatchObject({
      message: "generation failed: content policy",
      type: "upstream_error",
      code: "content_policy_violation",
    });
    expect(o.usage).toBeUndefined();
    expect(o.done).toBe(false);
    expect(o.images).toEqual([]);
  });

  it("stream-multiline-data: one event over two data: lines with a markdown data image", () => {
    const o = observe([byName("stream-multiline-data.sse").bytes]);
    expect(o.done).toBe(true);
    expect(o.usage).toBeUndefined();
    expect(o.malformedEvents).toBe(0);
    expect(o.images).toMatchObject([{ kind: "data", mime: "image/png", source: "markdown" }]);
  });
});

describe("createChatStreamObserver edge cases", () => {
  it("keeps the last usage object and ignores unusable ones", () => {
    const o = observe([
      bytes('data: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}\n\n'),
      bytes('data: {"choices":[],"usage":{"prompt_tokens":"x"}}\n\n'),
      bytes('data: {"choices":[],"usage":{"prompt_tokens":4,"completion_tokens":5}}\n\n'),
    ]);
    expect(o.usage).toEqual({ prompt_tokens: 4, completion_tokens: 5, total_tokens: 9 });
  });

  it("counts malformed events without failing, and reads event: error", () => {
    const o = observe([bytes("data: {broken\n\ndata: 42\n\nevent: error\ndata: {\"message\":\"overloaded\"}\n\n")]);
    expect(o.malformedEvents).toBe(2);
    expect(o.error).toMatchObject({ message: "overloaded" });
  });

  it("never alters the bytes it is given", () => {
    const fixture = byName("stream-markdown-url.sse");
    const copy = Buffer.from(fixture.bytes);
    observe(splitRandomly(copy, 3));
    expect(copy.equals(fixture.bytes)).toBe(true);
  });

  it("handles a single 4 MiB+ image event in 64 KiB chunks well under a second", () => {
    const payload = Buffer.alloc(3 * 1024 * 1024 + 100, 7).toString("base64");
    const chunk = JSON.stringify({
      id: "c1",
      object: "chat.completion.chunk",
      model: "m",
      choices: [{ index: 0, delta: { content: `![x](data:image/png;base64,${payload})` }, finish_reason: null }],
    });
    const body = bytes(`data: ${chunk}\n\ndata: [DONE]\n\n`);
    expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
    const started = cpuMs();
    const o = observe(splitEvery(body, 64 * 1024));
    expect(cpuMs() - started).toBeLessThan(1000);
    expect(o.done).toBe(true);
    expect(o.images).toMatchObject([{ kind: "data", byteLength: 3 * 1024 * 1024 + 100 }]);
    // The payload is an image, not generated text: it must not inflate a token estimate.
    expect(o.textChars).toBe("![x](data:image/png;base64,)".length);
  });
});
