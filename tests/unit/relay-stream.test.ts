import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createChatStreamObserver } from "@/lib/gateway/sse/create-chat-stream-observer";
import { readSpecFixtures } from "@/tests/fixtures/fake-upstream/read-spec-fixtures";
import { IMAGE_FORM_SCENARIOS } from "@/tests/fixtures/fake-upstream/scenario-shapes";
import { startFakeUpstream, type FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";
import { dataLines, makeInput, PUBLIC_MODEL, readText, relay, UPSTREAM_MODEL, USAGE } from "./relay-harness";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const stream = (scenario: string, callerWantsUsage = false, extra: Record<string, unknown> = {}) =>
  makeInput(scenario, {
    stream: true,
    callerWantsUsage,
    extra: callerWantsUsage ? { stream_options: { include_usage: true }, ...extra } : extra,
  });

function observe(text: string) {
  const observer = createChatStreamObserver();
  observer.push(Buffer.from(text));
  observer.end();
  return observer;
}

/** Removes the usage-only event of a fixture (the one block with `"choices": []`). */
function withoutUsageEvent(text: string): string {
  return text.replace(/data: ?\{[^\n]*"choices": \[\], "usage"[^\n]*\r?\n\r?\n/, "");
}

describe("relay, stream", () => {
  it.each<readonly [scenario: string, images: number]>([
    ...IMAGE_FORM_SCENARIOS,
    ["messy", 1],
    ["markdown-data crlf multiline nospace event-id comments", 1],
  ])("%s: SSE headers, model rewritten in every chunk, ends in [DONE]", async (scenario, images) => {
    const { response, outcome } = await relay(upstream, stream(scenario));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const text = await readText(response);
    expect(text).toMatch(/data: ?\[DONE\]\r?\n\r?\n$/);
    expect(text).not.toContain(UPSTREAM_MODEL);
    const observer = observe(text);
    expect(observer).toMatchObject({ done: true, model: PUBLIC_MODEL, usage: undefined, error: undefined });
    expect(observer.images).toHaveLength(images);
    expect(await outcome).toEqual({
      kind: "completed",
      usage: USAGE,
      images,
      textChars: observer.textChars,
      upstreamId: `chatcmpl-fake-${upstream.requests[0]!.seq}`,
      callerAborted: false,
    });
  });

  it("forwards the usage chunk only to a caller that asked, and captures usage either way", async () => {
    const asked = await relay(upstream, stream("markdown-url", true));
    const askedText = await readText(asked.response);
    expect(observe(askedText).usage).toEqual(USAGE);
    expect(askedText).toContain('"choices":[],"usage"');
    expect((await asked.outcome).usage).toEqual(USAGE);

    const notAsked = await relay(upstream, stream("markdown-url", false));
    const notAskedText = await readText(notAsked.response);
    expect(notAskedText).not.toContain('"usage"');
    expect(observe(notAskedText).done).toBe(true);
    expect((await notAsked.outcome).usage).toEqual(USAGE);
    // Same events otherwise: the relay cut out exactly one event.
    expect(dataLines(askedText).length - dataLines(notAskedText).length).toBe(1);
  });

  it("asks the upstream for usage on streams, keeping the caller's other stream options", async () => {
    const { response } = await relay(upstream, stream("text", false, { stream_options: { include_usage: false, chunk_size: 3 } }));
    await readText(response);
    expect(upstream.requests[0]!.body).toMatchObject({
      model: UPSTREAM_MODEL,
      stream: true,
      stream_options: { include_usage: true, chunk_size: 3 },
    });
    expect(upstream.requests[0]!.headers.authorization).toBe("Bearer upstream-secret");
  });

  it("appends [DONE] when the upstream ends without it", async () => {
    const { response, outcome } = await relay(upstream, stream("no-done"));
    const text = await readText(response);
    expect(text.endsWith('"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n')).toBe(true);
    expect(await outcome).toMatchObject({ kind: "completed", usage: USAGE, images: 1 });
  });

  it("relays an error event after output without [DONE]: outcome cut", async () => {
    const { response, outcome } = await relay(upstream, stream("error-event"));
    const text = await readText(response);
    expect(text).not.toContain("[DONE]");
    expect(text.trimEnd().endsWith('"code":"content_policy_violation"}}')).toBe(true);
    expect(await outcome).toMatchObject({ kind: "cut", usage: null, images: 0, callerAborted: false });
  });

  it("passes a single 4 MiB image event through whole, counting the image", async () => {
    for (const callerWantsUsage of [false, true]) {
      const { response, outcome } = await relay(upstream, stream("huge-image", callerWantsUsage));
      const text = await readText(response);
      const big = dataLines(text).find((line) => line.length > 4 * 1024 * 1024);
      expect(big && JSON.parse(big).model).toBe(PUBLIC_MODEL);
      expect(observe(text).images).toHaveLength(1);
      expect(await outcome).toMatchObject({ kind: "completed", images: 1, usage: USAGE });
    }
  });

  describe.each(readSpecFixtures().filter((f) => f.stream).map((f) => [f.name, f] as const))("fixture %s", (name, fixture) => {
    const original = fixture.bytes.toString("utf8");
    const rewritten = original.replace(/"model": "[^"]*"/g, `"model": "${PUBLIC_MODEL}"`);
    const failed = name.includes("error");
    const ending = failed || /data: ?\[DONE\]/.test(original) ? "" : "data: [DONE]\n\n";

    it.each([
      ["whole", "", true],
      ["whole", "", false],
      ["in 7-byte pieces", " chunk=7 interval=1", true],
      ["in 7-byte pieces", " chunk=7 interval=1", false],
    ])("%s%s, usage asked %s: byte-exact except model (and the usage event)", async (_how, params, asked) => {
      const { response, outcome } = await relay(upstream, stream(`fixture file=${name}${params}`, asked));
      const expected = (asked ? rewritten : withoutUsageEvent(rewritten)) + ending;
      expect(await readText(response)).toBe(expected);
      const result = await outcome;
      expect(result).toMatchObject({ kind: failed ? "cut" : "completed", images: fixture.expectedImages, callerAborted: false });
      expect(result.usage).toEqual(original.includes('"usage"') ? USAGE : null);
    });
  });
});
