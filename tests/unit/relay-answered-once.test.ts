// An upstream that answered, then broke the connection, has the request: it is never sent again (issue 8, item 1).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { startFakeUpstream, type FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";
import { dataLines, makeInput, readText, relay } from "./relay-harness";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

/** The relay has given its answer; a retry would have reached the fake before that. */
const attempts = () => upstream.requests.length;

async function relayError(scenario: string, stream = false): Promise<GatewayError> {
  const error = await relay(upstream, makeInput(scenario, { stream })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe("relay: once the provider has answered, the request is never sent again", () => {
  it("stream: headers, events and a reset in one tick → 200, what arrived, the error event, outcome cut; one request", async () => {
    const { response, outcome } = await relay(upstream, makeInput("burst-cut after=3", { stream: true }));
    expect(response.status).toBe(200);
    const text = await readText(response);
    expect(text).toContain("progress **20%**");
    expect(text).not.toContain("[DONE]");
    const error = JSON.parse(dataLines(text).at(-1)!).error;
    expect(error).toMatchObject({ type: "upstream_error", code: "upstream_error", message: expect.stringMatching(/broke off/) });
    expect(await outcome).toMatchObject({ kind: "cut", callerAborted: false });
    expect(attempts()).toBe(1);
  });

  it.each(["burst-cut", "burst-cut fin"])("non-stream %s: 502 'broke off', one request", async (scenario) => {
    const error = await relayError(scenario);
    expect(error).toMatchObject({ status: 502, code: "upstream_error" });
    expect(error.message).toMatch(/broke off/);
    expect(attempts()).toBe(1);
  });

  it.each([true, false])("a reset right after the headers (stream %s): one request, never 'could not reach'", async (stream) => {
    if (stream) {
      const { response, outcome } = await relay(upstream, makeInput("reset-after-headers", { stream }));
      expect(response.status).toBe(200);
      expect(JSON.parse(dataLines(await readText(response)).at(-1)!).error.message).toMatch(/broke off/);
      expect(await outcome).toMatchObject({ kind: "failed", textChars: 0, images: 0 });
    } else {
      expect((await relayError("reset-after-headers")).message).toMatch(/broke off/);
    }
    expect(attempts()).toBe(1);
  });

  it.each([true, false])("a reset after the status line, inside the headers (stream %s): 502 'broke off', one request", async (stream) => {
    const error = await relayError("reset-in-headers", stream);
    expect(error).toMatchObject({ status: 502, code: "upstream_error" });
    expect(error.message).toMatch(/broke off/);
    expect(attempts()).toBe(1);
  });

  it("a bare close after the request (no byte came back) is retried, and the message says what happened", async () => {
    const error = await relayError("burst-cut noflush");
    expect(error.message).toBe("The upstream provider closed the connection without answering.");
    expect(attempts()).toBe(3);
  });
});
