import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { readSpecFixtures } from "@/tests/fixtures/fake-upstream/read-spec-fixtures";
import { IMAGE_FORM_SCENARIOS } from "@/tests/fixtures/fake-upstream/scenario-shapes";
import { startFakeUpstream, type FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";
import { makeInput, PUBLIC_MODEL, readText, relay, UPSTREAM_MODEL, USAGE } from "./relay-harness";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

describe("relay, non-stream", () => {
  it.each(IMAGE_FORM_SCENARIOS)("%s: 200 JSON, model rewritten back to the public id, everything else as the upstream sent it", async (scenario, images) => {
    const { response, outcome } = await relay(upstream, makeInput(scenario));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const text = await readText(response);
    const body = JSON.parse(text);
    expect(body.model).toBe(PUBLIC_MODEL);
    // The fake upstream answers compact JSON.stringify output echoing the upstream model: with only `model`
    // changed, re-serialising the relayed body must give the relayed bytes back exactly.
    expect(JSON.stringify(body)).toBe(text);
    expect(text).not.toContain(UPSTREAM_MODEL);
    expect(await outcome).toEqual({
      kind: "completed",
      usage: USAGE,
      images,
      textChars: expect.any(Number),
      upstreamId: `chatcmpl-fake-${upstream.requests[0]!.seq}`,
      callerAborted: false,
    });
    const sent = upstream.requests[0]!;
    expect(sent.headers.authorization).toBe("Bearer upstream-secret");
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(sent.body).toMatchObject({ model: UPSTREAM_MODEL, fake_scenario: scenario });
    expect(sent.body).not.toHaveProperty("stream_options");
    expect(sent.body).not.toHaveProperty("stream");
  });

  it("counts text without inline base64 payloads", async () => {
    const { outcome: text } = await relay(upstream, makeInput("text"));
    expect((await text).textChars).toBe("I can describe images, but this prompt asked for none.".length);
    const { outcome: data } = await relay(upstream, makeInput("markdown-data"));
    const { textChars } = await data;
    expect(textChars).toBeGreaterThan(0);
    expect(textChars).toBeLessThan(100);
  });

  it.each(readSpecFixtures().filter((f) => !f.stream).map((f) => [f.name, f] as const))(
    "replays %s byte for byte except the model",
    async (name, fixture) => {
      const { response, outcome } = await relay(upstream, makeInput(`fixture file=${name}`), {});
      const expected = fixture.bytes.toString("utf8").replace(/"model": "[^"]*"/, `"model": "${PUBLIC_MODEL}"`);
      expect(await readText(response)).toBe(expected);
      expect(await outcome).toMatchObject({ kind: "completed", usage: USAGE, images: fixture.expectedImages });
      expect((await outcome).upstreamId).toBe(JSON.parse(fixture.bytes.toString("utf8")).id);
    },
  );

  it("passes a body with a 4 MiB inline image through, counting the image without keeping it", async () => {
    const { response, outcome } = await relay(upstream, makeInput("huge-image form=images"));
    const text = await readText(response);
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(JSON.parse(text).model).toBe(PUBLIC_MODEL);
    expect(await outcome).toMatchObject({ kind: "completed", images: 1, textChars: 0 });
  });

  it("answers 502 when the upstream body exceeds the cap", async () => {
    const error = await relay(upstream, makeInput("huge-image"), { maxBodyBytes: 1024 * 1024 }).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 502, code: "upstream_error" });
  });

  it.each([
    ["malformed-json", "malformed JSON"],
    ["html-200", "content type"],
    ["html-500", "HTTP 500"],
    ["error-event", "reported an error"],
  ])("%s: 502 upstream_error without leaking the provider's body", async (scenario, message) => {
    const error = await relay(upstream, makeInput(scenario)).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 502, type: "upstream_error", code: "upstream_error" });
    expect(error.message).toContain(message);
    expect(error.message).not.toMatch(/cloudflare|content policy|chatcmpl/i);
    expect(upstream.requests).toHaveLength(1);
  });

  it("504 when the upstream stays silent past the idle timeout, and the upstream request is aborted", async () => {
    const error = await relay(upstream, makeInput("hang"), { idleTimeoutMs: 200 }).catch((e) => e);
    expect(error).toMatchObject({ status: 504, code: "upstream_timeout" });
    await upstream.waitFor((r) => r[0]?.aborted === true);
  });

  it("504 when the body stalls past the idle timeout", async () => {
    const error = await relay(upstream, makeInput("stall"), { idleTimeoutMs: 200 }).catch((e) => e);
    expect(error).toMatchObject({ status: 504, code: "upstream_timeout" });
  });

  it("504 when the total deadline passes", async () => {
    const error = await relay(upstream, makeInput("hang"), { totalTimeoutMs: 150 }).catch((e) => e);
    expect(error).toMatchObject({ status: 504, code: "upstream_timeout" });
  });

  it("rejects with an AbortError when the caller leaves, and aborts the upstream request within 1 s", async () => {
    const call = makeInput("hang");
    const pending = relay(upstream, call).catch((e) => e);
    await upstream.waitFor((r) => r.length === 1 && r[0]!.scenario === "hang");
    const abortedAt = Date.now();
    call.abort();
    const error = await pending;
    expect(error).toMatchObject({ name: "AbortError" });
    await upstream.waitFor((r) => r[0]!.aborted, 1_000);
    expect(upstream.requests[0]!.abortedAt! - abortedAt).toBeLessThan(1_000);
  });

  it("does not call the upstream for a caller that already left", async () => {
    const call = makeInput("markdown-url");
    call.abort();
    await expect(relay(upstream, call)).rejects.toMatchObject({ name: "AbortError" });
    expect(upstream.requests).toHaveLength(0);
  });
});
