// A stream cut short is billed for what reached the caller (issue 8, item 4): output other than content text, the
// usage that arrived before the cut, and an image whose URL or whole payload came though its `)` never did.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";
import { dataLines, makeInput, readText, relay, USAGE } from "./relay-harness";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

async function cutOutcome(scenario: string) {
  const { response, outcome } = await relay(upstream, makeInput(scenario, { stream: true }));
  const text = await readText(response);
  expect(JSON.parse(dataLines(text).at(-1)!).error.code).toBe("upstream_error");
  return { text, outcome: await outcome };
}

describe("relay: a cut stream counts the output the caller received", () => {
  it.each([
    ["tool call arguments", "cut after=3 then=tool-calls", "arguments"],
    ["reasoning_content", "cut after=2 then=reasoning", "reasoning_content"],
    ["a refusal", "cut after=2 then=refusal", "refusal"],
  ])("%s, no content text: outcome cut (billable), not failed", async (_label, scenario, field) => {
    const { text, outcome } = await cutOutcome(scenario);
    expect(text).toContain(`"${field}"`);
    expect(outcome).toMatchObject({ kind: "cut", usage: null, images: 0 });
    expect(outcome.textChars).toBeGreaterThan(0);
  });

  it("the usage that arrived before the cut is kept for billing, even with no text", async () => {
    const { outcome } = await cutOutcome("cut after=1 then=tool-calls usage=before");
    expect(outcome).toMatchObject({ kind: "cut", usage: USAGE });
  });

  it("only the role chunk before the cut: nothing produced, outcome failed", async () => {
    const { outcome } = await cutOutcome("cut after=1 then=tool-calls");
    expect(outcome).toMatchObject({ kind: "failed", textChars: 0, images: 0 });
  });

  it("an image URL relayed whole, then the cut before its `)`: one image", async () => {
    const { text, outcome } = await cutOutcome("cut after=3 then=markdown-url-open");
    expect(text).toContain("/files/result.png");
    expect(outcome).toMatchObject({ kind: "cut", images: 1 });
  });

  it("a data image payload relayed whole, then the cut before its `)`: one image; half a payload: none", async () => {
    expect((await cutOutcome("cut after=4 then=markdown-data-open")).outcome).toMatchObject({ kind: "cut", images: 1 });
    upstream.reset();
    expect((await cutOutcome("cut after=3 then=markdown-data-open")).outcome).toMatchObject({ kind: "cut", images: 0 });
  });

  it("the caller leaving after an image URL arrived counts it too", async () => {
    const call = makeInput("stall after=3 then=markdown-url-open", { stream: true });
    const { response, outcome } = await relay(upstream, call);
    const reader = response.body!.getReader();
    let text = "";
    while (!text.includes("result.png")) text += Buffer.from((await reader.read()).value!).toString("utf8");
    call.abort();
    await reader.cancel().catch(() => {});
    expect(await outcome).toMatchObject({ kind: "cut", callerAborted: true, images: 1 });
  });
});
