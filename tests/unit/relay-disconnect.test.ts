import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";
import { dataLines, makeInput, readText, readUntil, relay, USAGE } from "./relay-harness";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const stream = (scenario: string, callerWantsUsage = false) =>
  makeInput(scenario, { stream: true, callerWantsUsage, extra: callerWantsUsage ? { stream_options: { include_usage: true } } : {} });

describe("relay, streams cut short", () => {
  it("an upstream break mid-stream: error event, no [DONE], outcome cut without usage", async () => {
    const { response, outcome } = await relay(upstream, stream("cut after=3"));
    const text = await readText(response);
    expect(text).not.toContain("[DONE]");
    expect(JSON.parse(dataLines(text).at(-1)!).error).toMatchObject({ type: "upstream_error", code: "upstream_error" });
    expect(await outcome).toMatchObject({ kind: "cut", usage: null, callerAborted: false, upstreamId: expect.stringMatching(/^chatcmpl-fake-/) });
  });

  it.each([false, true])("an upstream break after the usage chunk keeps the usage (caller asked: %s)", async (asked) => {
    const { response, outcome } = await relay(upstream, stream("cut after=3 usage=before", asked));
    const text = await readText(response);
    expect(text.includes('"usage"')).toBe(asked);
    expect(JSON.parse(dataLines(text).at(-1)!).error.code).toBe("upstream_error");
    expect(await outcome).toMatchObject({ kind: "cut", usage: USAGE });
  });

  it("an upstream break before any content: outcome failed", async () => {
    const { response, outcome } = await relay(upstream, stream("cut after=1"));
    await readText(response);
    expect(await outcome).toMatchObject({ kind: "failed", textChars: 0, images: 0 });
  });

  it("the caller's abort mid-stream aborts the upstream within 1 s; outcome callerAborted", async () => {
    const call = stream("stall after=3");
    const { response, outcome } = await relay(upstream, call);
    const reader = response.body!.getReader();
    await readUntil(reader, (text) => text.includes("progress **80%**"));
    const abortedAt = Date.now();
    call.abort();
    await upstream.waitFor((r) => r[0]!.aborted, 1_000);
    expect(upstream.requests[0]!.abortedAt! - abortedAt).toBeLessThan(1_000);
    expect(await outcome).toMatchObject({ kind: "cut", callerAborted: true, usage: null });
  });

  it("cancelling the response body (Next.js does when the client goes away) does the same", async () => {
    const { response, outcome } = await relay(upstream, stream("stall after=2"));
    const reader = response.body!.getReader();
    await readUntil(reader, (text) => text.includes("progress **20%**"));
    await reader.cancel();
    await upstream.waitFor((r) => r[0]!.aborted, 1_000);
    expect(await outcome).toMatchObject({ kind: "cut", callerAborted: true });
  });

  it("a caller that leaves while the committed stream still waits for headers: outcome failed, callerAborted", async () => {
    const call = stream("hang");
    const { response, outcome } = await relay(upstream, call, { commitMs: 30 });
    expect(response.status).toBe(200);
    call.abort();
    await upstream.waitFor((r) => r[0]!.aborted, 1_000);
    expect(await outcome).toMatchObject({ kind: "failed", callerAborted: true });
  });

  it("a caller that leaves inside the commit window: AbortError, upstream aborted", async () => {
    const call = stream("hang");
    const pending = relay(upstream, call).catch((e) => e);
    await upstream.waitFor((r) => r[0]?.scenario === "hang");
    call.abort();
    expect(await pending).toMatchObject({ name: "AbortError" });
    await upstream.waitFor((r) => r[0]!.aborted, 1_000);
  });

  it("a caller that never reads: the deadline still ends the call and settles", async () => {
    const { outcome } = await relay(upstream, stream("huge-image interval=5"), { totalTimeoutMs: 500 });
    expect(await outcome).toMatchObject({ kind: expect.stringMatching(/^(cut|failed)$/), callerAborted: false, reason: expect.stringContaining("in time") });
    await upstream.waitFor((r) => r[0]!.closedAt !== undefined, 1_000);
  });
});
