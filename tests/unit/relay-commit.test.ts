import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";
import { dataLines, makeInput, readText, relay, USAGE } from "./relay-harness";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const stream = (scenario: string) => makeInput(scenario, { stream: true });
const KEEP_ALIVE = ": keep-alive\n\n";

function errorOf(text: string) {
  const last = dataLines(text).at(-1)!;
  return JSON.parse(last).error as { message: string; type: string; code: string; param: null };
}

describe("relay, when the 200 is committed", () => {
  it("an upstream error inside the window answers with its status", async () => {
    const error = await relay(upstream, stream("status-500 delay=100"), { commitMs: 3_000 }).catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: "upstream_error" });
  });

  it("a slow success inside the window is a plain 200 stream", async () => {
    const { response, outcome } = await relay(upstream, stream("slow delay=100"), { commitMs: 3_000, keepAliveMs: 20 });
    const text = await readText(response);
    expect(text.startsWith("data: ")).toBe(true);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect((await outcome).kind).toBe("completed");
  });

  it("commits when the window passes, keeps the caller alive, then relays a late success", async () => {
    const { response, outcome } = await relay(upstream, stream("slow delay=400"), { commitMs: 50, keepAliveMs: 60 });
    expect(response.status).toBe(200);
    const text = await readText(response);
    expect(text.startsWith(KEEP_ALIVE)).toBe(true);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(await outcome).toMatchObject({ kind: "completed", usage: USAGE, images: 1 });
  });

  it("a silent upstream: 200 committed, keep-alive comments, then an upstream_timeout event at the deadline", async () => {
    const { response, outcome } = await relay(upstream, stream("hang"), { commitMs: 50, keepAliveMs: 40, totalTimeoutMs: 400 });
    expect(response.status).toBe(200);
    const text = await readText(response);
    const [comments, rest] = [text.slice(0, text.indexOf("data:")), text.slice(text.indexOf("data:"))];
    expect(comments.length / KEEP_ALIVE.length).toBeGreaterThanOrEqual(2);
    expect(comments).toBe(KEEP_ALIVE.repeat(comments.length / KEEP_ALIVE.length));
    expect(rest).not.toContain("[DONE]");
    expect(errorOf(rest)).toMatchObject({ type: "upstream_timeout", code: "upstream_timeout" });
    expect(await outcome).toMatchObject({ kind: "failed", usage: null, callerAborted: false });
    await upstream.waitFor((r) => r[0]!.aborted);
  });

  it("an upstream error after the window becomes an error event (no [DONE]), outcome failed", async () => {
    const { response, outcome } = await relay(upstream, stream("status-500 delay=300"), { commitMs: 50, keepAliveMs: 40 });
    const text = await readText(response);
    expect(text.startsWith(KEEP_ALIVE)).toBe(true);
    expect(text).not.toContain("[DONE]");
    expect(errorOf(text)).toMatchObject({ type: "upstream_error", code: "upstream_error", param: null });
    expect(await outcome).toMatchObject({ kind: "failed", reason: expect.stringContaining("HTTP 500") });
  });

  it("retries still happen after the commit while nothing was relayed", async () => {
    const { response, outcome } = await relay(upstream, stream("fail-then-ok fail=1 status=503 delay=200"), { commitMs: 50 });
    const text = await readText(response);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect((await outcome).kind).toBe("completed");
    expect(upstream.requests).toHaveLength(2);
  });

  it("keep-alive comments go between events while the upstream stalls mid-stream; idle timeout ends it", async () => {
    const { response, outcome } = await relay(upstream, stream("stall after=2"), { keepAliveMs: 40, idleTimeoutMs: 600 });
    const text = await readText(response);
    const events = text.split("\n\n").filter(Boolean);
    expect(events.slice(0, 2).every((e) => e.startsWith("data: {"))).toBe(true);
    expect(events.slice(2, -1).every((e) => e === ": keep-alive")).toBe(true);
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(errorOf(text)).toMatchObject({ type: "upstream_timeout", code: "upstream_timeout" });
    // Two events were relayed: the role chunk and a progress line (content text: output).
    expect(await outcome).toMatchObject({ kind: "cut", usage: null, callerAborted: false });
  });
});
