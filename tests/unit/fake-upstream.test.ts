import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { extractImagesFromCompletion } from "@/lib/gateway/images/extract-images-from-completion";
import { createChatStreamObserver } from "@/lib/gateway/sse/create-chat-stream-observer";
import { readSpecFixtures } from "@/tests/fixtures/fake-upstream/read-spec-fixtures";
import { startFakeUpstream, type FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => {
  upstream.reset();
  upstream.setScenario(undefined);
});

const USAGE = { prompt_tokens: 31, completion_tokens: 1302, total_tokens: 1333 };

function call(body: Record<string, unknown>, init: RequestInit = {}) {
  return fetch(`${upstream.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer upstream-key" },
    body: JSON.stringify({ model: "gpt-4o-image", messages: [{ role: "user", content: "draw a cat" }], ...body }),
    ...init,
  });
}

async function observeStream(res: Response) {
  const observer = createChatStreamObserver();
  const raw: Uint8Array[] = [];
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    raw.push(chunk);
    observer.push(chunk);
  }
  observer.end();
  return { observer, text: Buffer.concat(raw).toString("utf8") };
}

describe("fake upstream: success", () => {
  it("answers a plain request with an OpenAI completion echoing the model, and serves the image it links", async () => {
    const res = await call({});
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = await res.json();
    expect(body).toMatchObject({ object: "chat.completion", model: "gpt-4o-image", usage: USAGE });
    const [image] = extractImagesFromCompletion(body);
    expect(image).toMatchObject({ kind: "url", url: `${upstream.origin}/files/result.png` });
    const png = Buffer.from(await (await fetch((image as { url: string }).url)).arrayBuffer());
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(upstream.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", scenario: "markdown-url", aborted: false });
    expect(upstream.requests[0]!.headers.authorization).toBe("Bearer upstream-key");
    expect(upstream.requests[0]!.body).toMatchObject({ model: "gpt-4o-image" });
  });

  it("streams chunks, sending the usage chunk only when stream_options.include_usage is true", async () => {
    const withUsage = await observeStream(await call({ stream: true, stream_options: { include_usage: true } }));
    expect(withUsage.observer).toMatchObject({ done: true, usage: USAGE, model: "gpt-4o-image", finishReason: "stop" });
    expect(withUsage.observer.images.length).toBe(1);
    expect(withUsage.text.endsWith("data: [DONE]\n\n")).toBe(true);
    const without = await observeStream(await call({ stream: true }));
    expect(without.observer.usage).toBeUndefined();
    expect(without.observer.done).toBe(true);
  });

  it.each(["markdown-url", "markdown-data", "images-array", "images-url", "content-parts"])(
    "%s: one image, stream and non-stream",
    async (scenario) => {
      const body = await (await call({ fake_scenario: scenario })).json();
      expect(extractImagesFromCompletion(body).length).toBe(1);
      const { observer } = await observeStream(await call({ fake_scenario: scenario, stream: true, stream_options: { include_usage: true } }));
      expect(observer.images.length).toBe(1);
      expect(observer.usage).toEqual(USAGE);
    },
  );

  it("no-usage and text scenarios", async () => {
    expect((await (await call({ fake_scenario: "no-usage" })).json()).usage).toBeUndefined();
    const { observer } = await observeStream(await call({ fake_scenario: "text", stream: true }));
    expect(observer.images.length).toBe(0);
    expect(observer.textChars).toBeGreaterThan(10);
  });

  it("takes the scenario from a prompt marker, a body field or the header", async () => {
    await call({ messages: [{ role: "user", content: [{ type: "text", text: "x [[scenario:status-503]]" }] }] });
    await call({ fake_scenario: "status-502" });
    await fetch(`${upstream.url}/chat/completions`, { method: "POST", headers: { "x-fake-scenario": "status-500" }, body: "{}" });
    expect(upstream.requests.map((r) => r.scenario)).toEqual(["status-503", "status-502", "status-500"]);
    upstream.setScenario("text");
    await call({});
    expect(upstream.requests[3]!.scenario).toBe("text");
  });

  it("streams a single 4 MiB+ image event", async () => {
    const { observer, text } = await observeStream(await call({ fake_scenario: "huge-image", stream: true }));
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(observer.images).toMatchObject([{ kind: "data", mime: "image/png" }]);
  });
});

describe("fake upstream: irregular streams", () => {
  it.each([
    ["crlf", (t: string) => t.includes("\r\n")],
    ["nospace", (t: string) => t.startsWith("data:{")],
    ["multiline", (t: string) => /,\ndata: "choices"/.test(t)],
    ["event-id", (t: string) => t.includes("id: 1\nevent: message\n")],
    ["comments", (t: string) => t.includes(": keep-alive\n")],
    ["messy", (t: string) => t.includes("\r\nid: 0\r\nevent: message\r\ndata:{")],
    ["markdown-data crlf multiline", (t: string) => t.includes(",\r\ndata: \"choices\"")],
  ])("%s is visible on the wire and parses to the same facts", async (scenario, visible) => {
    const { observer, text } = await observeStream(await call({ fake_scenario: scenario, stream: true, stream_options: { include_usage: true } }));
    expect(visible(text)).toBe(true);
    expect(observer).toMatchObject({ done: true, usage: USAGE, malformedEvents: 0 });
    expect(observer.images.length).toBe(1);
  });

  it("no-done ends without [DONE]; error-event ends with an error object", async () => {
    const noDone = await observeStream(await call({ fake_scenario: "no-done", stream: true }));
    expect(noDone.observer.done).toBe(false);
    expect(noDone.observer.images.length).toBe(1);
    const failed = await observeStream(await call({ fake_scenario: "error-event", stream: true }));
    expect(failed.observer.error).toMatchObject({ code: "content_policy_violation" });
    expect(failed.observer.done).toBe(false);
  });

  it.each(readSpecFixtures().map((f) => [f.name, f] as const))("replays %s byte for byte", async (name, fixture) => {
    for (const spec of [`fixture file=${name}`, `fixture file=${name} chunk=7 interval=0`]) {
      const res = await call({ fake_scenario: spec, stream: fixture.stream });
      expect(Buffer.from(await res.arrayBuffer()).equals(fixture.bytes)).toBe(true);
    }
  });
});

describe("fake upstream: failures", () => {
  it.each([500, 502, 503])("status-%i answers an OpenAI-shaped error", async (status) => {
    const res = await call({ fake_scenario: `status-${status}` });
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatchObject({ type: "server_error" });
  });

  it("rate-limit sends Retry-After; insufficient-quota uses OpenAI's code", async () => {
    const limited = await call({ fake_scenario: "rate-limit retry_after=7" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    const quota = await call({ fake_scenario: "insufficient-quota" });
    expect(quota.status).toBe(429);
    expect((await quota.json()).error).toMatchObject({ type: "insufficient_quota", code: "insufficient_quota" });
  });

  it("html pages and malformed JSON", async () => {
    for (const [scenario, status] of [["html-200", 200], ["html-500", 500]] as const) {
      const res = await call({ fake_scenario: scenario });
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    }
    const broken = await (await call({ fake_scenario: "malformed-json" })).text();
    expect(() => JSON.parse(broken)).toThrow();
    const { observer } = await observeStream(await call({ fake_scenario: "malformed-json", stream: true }));
    expect(observer.malformedEvents).toBe(1);
  });

  it("fail-then-ok fails the first N attempts of its key, then succeeds", async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call({ fake_scenario: "fail-then-ok fail=2 status=502 key=k1" })).status);
    expect(statuses).toEqual([502, 502, 200, 200]);
    expect((await call({ fake_scenario: "fail-then-ok fail=1 status=429 key=k2" })).headers.get("retry-after")).toBe("1");
    upstream.reset();
    expect((await call({ fake_scenario: "fail-then-ok fail=2 status=502 key=k1" })).status).toBe(502);
  });

  it("slow answers after its delay", async () => {
    const started = Date.now();
    expect((await call({ fake_scenario: "slow delay=150" })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("hang never answers; the client's abort is recorded with its time", async () => {
    const controller = new AbortController();
    const pending = call({ fake_scenario: "hang" }, { signal: controller.signal });
    await upstream.waitFor((r) => r.length === 1 && r[0]!.scenario === "hang");
    controller.abort();
    await expect(pending).rejects.toThrow();
    await upstream.waitFor((r) => r[0]!.aborted);
    expect(upstream.requests[0]!.abortedAt).toBeGreaterThanOrEqual(upstream.requests[0]!.receivedAt);
  });

  it("stall sends headers and a few events, then nothing until the client leaves", async () => {
    const controller = new AbortController();
    const res = await call({ fake_scenario: "stall after=2", stream: true }, { signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain("data: ");
    controller.abort();
    await upstream.waitFor((r) => r[0]!.aborted);
  });

  it.each([
    ["cut", false],
    ["cut usage=before", true],
  ])("%s: the stream breaks mid-way, with usage only if sent before the cut", async (scenario, hasUsage) => {
    const res = await call({ fake_scenario: scenario, stream: true });
    const observer = createChatStreamObserver();
    let broke = false;
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) observer.push(chunk);
    } catch {
      broke = true;
    }
    observer.end();
    expect(broke).toBe(true);
    expect(observer.done).toBe(false);
    expect(observer.usage === undefined).toBe(!hasUsage);
    await upstream.waitFor((r) => r[0]!.closedAt !== undefined);
    expect(upstream.requests[0]).toMatchObject({ aborted: false, cutByServer: true });
  });

  it("answers a malformed request body with 400 and records it", async () => {
    const res = await fetch(`${upstream.url}/chat/completions`, { method: "POST", body: "{nope" });
    expect(res.status).toBe(400);
    expect(upstream.requests[0]).toMatchObject({ rawBody: "{nope", body: undefined });
  });
});
