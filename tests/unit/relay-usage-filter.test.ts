import { describe, expect, it } from "vitest";
import { createUsageEventFilter, isUsageOnlyEvent } from "@/lib/gateway/relay/create-usage-event-filter";
import { readSpecFixtures, splitEvery, splitRandomly } from "@/tests/fixtures/fake-upstream/read-spec-fixtures";

const encoder = new TextEncoder();

function run(chunks: Uint8Array[]): string {
  const filter = createUsageEventFilter();
  const out: Uint8Array[] = [];
  for (const chunk of chunks) out.push(...filter.push(chunk));
  out.push(...filter.end());
  return Buffer.concat(out).toString("utf8");
}

const USAGE_EVENT = '{"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}';
const CHUNK = '{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"hi"}}]}';

describe("usage event filter", () => {
  it.each(readSpecFixtures().filter((f) => f.stream).map((f) => [f.name, f] as const))(
    "%s: drops exactly the usage-only event, for every split",
    (_name, fixture) => {
      const text = fixture.bytes.toString("utf8");
      const expected = text.replace(/data: ?\{[^\n]*"choices": \[\], "usage"[^\n]*\r?\n\r?\n/, "");
      expect(run([fixture.bytes])).toBe(expected);
      expect(run(splitEvery(fixture.bytes, 1))).toBe(expected);
      for (let seed = 1; seed <= 100; seed++) expect(run(splitRandomly(fixture.bytes, seed, 24))).toBe(expected);
    },
  );

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("handles %s line endings, event/id/comment lines and a final event without a blank line", (_name, eol) => {
    const events = [
      [": keep-alive", ""],
      ["id: 1", "event: message", `data: ${CHUNK}`, ""],
      ["id: 2", "event: message", `data:${USAGE_EVENT}`, ""],
      [`data: ${CHUNK}`, ""],
    ];
    const text = events.map((lines) => lines.join(eol) + eol).join("");
    const expected = text.replace(["id: 2", "event: message", `data:${USAGE_EVENT}`, ""].join(eol) + eol, "");
    const bytes = encoder.encode(text);
    for (let seed = 1; seed <= 200; seed++) expect(run(splitRandomly(bytes, seed, 9))).toBe(expected);
    // The last event unterminated: judged at the end.
    const unterminated = encoder.encode(`data: ${CHUNK}${eol}${eol}data: ${USAGE_EVENT}`);
    for (let seed = 1; seed <= 50; seed++) expect(run(splitRandomly(unterminated, seed, 9))).toBe(`data: ${CHUNK}${eol}${eol}`);
  });

  it("keeps a usage object that rides on a content chunk, and a usage-like text", () => {
    const withChoices = `data: ${CHUNK.replace("]}", '],"usage":{"prompt_tokens":1,"completion_tokens":2}}')}\n\n`;
    expect(run([encoder.encode(withChoices)])).toBe(withChoices);
    const mention = `data: ${CHUNK.replace("hi", 'the \\"usage\\" key')}\n\n`;
    expect(run([encoder.encode(mention)])).toBe(mention);
    expect(isUsageOnlyEvent(encoder.encode(`data: {"error":{"message":"x"},"choices":[],"usage":{}}\n\n`))).toBe(false);
  });

  it("passes a multi-MiB event through as it arrives, without holding it", () => {
    const big = `data: ${CHUNK.replace("hi", "x".repeat(4 * 1024 * 1024))}\n\n`;
    const bytes = encoder.encode(big + `data: ${USAGE_EVENT}\n\n` + "data: [DONE]\n\n");
    const filter = createUsageEventFilter();
    let forwarded = 0;
    let maxLag = 0;
    let seen = 0;
    for (const chunk of splitEvery(bytes, 64 * 1024)) {
      seen += chunk.length;
      for (const piece of filter.push(chunk)) forwarded += piece.length;
      maxLag = Math.max(maxLag, seen - forwarded);
    }
    for (const piece of filter.end()) forwarded += piece.length;
    expect(forwarded).toBe(big.length + "data: [DONE]\n\n".length);
    expect(maxLag).toBeLessThanOrEqual(128 * 1024); // only the small usage event (and a partial one) is ever held
  });

  it("returns the input chunk's own bytes when nothing is dropped (no copy)", () => {
    const chunk = encoder.encode(`data: ${CHUNK}\n\ndata: ${CHUNK}\n\n`);
    const [only, ...rest] = createUsageEventFilter().push(chunk);
    expect(rest).toHaveLength(0);
    expect(only!.buffer).toBe(chunk.buffer);
    expect(only!.length).toBe(chunk.length);
  });
});
