import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";
import { dataLines, makeInput, PUBLIC_MODEL, readText, relay } from "./relay-harness";

// Bodies the spec fixtures do not cover, replayed byte for byte from a scratch fixtures directory.
const CHUNK = (content: string) =>
  `{"id":"chatcmpl-e","object":"chat.completion.chunk","model":"provider-image-v2","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}}}]}`;
const USAGE = '{"id":"chatcmpl-e","object":"chat.completion.chunk","model":"provider-image-v2","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}';
const FILES: Record<string, string> = {
  "empty.sse": "",
  "comments-only.sse": ": keep-alive\n\n: still here\n\n",
  "unterminated.sse": `data: ${CHUNK("one")}\n\ndata: ${CHUNK("two")}`,
  "unterminated-line.sse": `data: ${CHUNK("one")}\n`,
  "cr-only.sse": `data: ${CHUNK("one")}\r\rdata: ${USAGE}\r\rdata: ${CHUNK("two")}\r`,
};

let dir: string;
let upstream: FakeUpstream;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "relay-edges-"));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(dir, name), text);
  upstream = await startFakeUpstream({ fixturesDir: dir });
});
afterAll(async () => {
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

const replay = (file: string, callerWantsUsage = false) =>
  relay(upstream, makeInput(`fixture file=${file} chunk=5 interval=1`, { stream: true, callerWantsUsage }));
const rewritten = (text: string) => text.replaceAll("provider-image-v2", PUBLIC_MODEL);

describe("relay, unusual stream bodies", () => {
  it.each(["empty.sse", "comments-only.sse"])("%s: no events at all is an upstream error, outcome failed", async (file) => {
    const { response, outcome } = await replay(file);
    const text = await readText(response);
    expect(text).not.toContain("[DONE]");
    expect(JSON.parse(dataLines(text).at(-1)!).error).toMatchObject({ type: "upstream_error", code: "upstream_error" });
    expect(await outcome).toMatchObject({ kind: "failed" });
  });

  it("a last event without its blank line is closed before the appended [DONE]", async () => {
    const { response, outcome } = await replay("unterminated.sse");
    expect(await readText(response)).toBe(`${rewritten(FILES["unterminated.sse"]!)}\n\ndata: [DONE]\n\n`);
    expect(await outcome).toMatchObject({ kind: "completed", textChars: 6 });
    const second = await replay("unterminated-line.sse");
    expect(await readText(second.response)).toBe(`${rewritten(FILES["unterminated-line.sse"]!)}\ndata: [DONE]\n\n`);
  });

  it("CR-only line endings: the usage event is cut out, the rest relayed, [DONE] appended after the last event", async () => {
    const { response, outcome } = await replay("cr-only.sse");
    expect(await readText(response)).toBe(`data: ${rewritten(CHUNK("one"))}\r\rdata: ${rewritten(CHUNK("two"))}\r\n\ndata: [DONE]\n\n`);
    expect(await outcome).toMatchObject({ kind: "completed", usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } });
    const asked = await replay("cr-only.sse", true);
    expect(await readText(asked.response)).toBe(`${rewritten(FILES["cr-only.sse"]!)}\n\ndata: [DONE]\n\n`);
  });

  it("an HTML page with a 200 for a stream request: 502 before the commit", async () => {
    const error = await relay(upstream, makeInput("html-200", { stream: true })).catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: "upstream_error" });
  });
});
