import { describe, expect, it } from "vitest";
import { createSseScanner, type SseEvent } from "@/lib/gateway/sse/create-sse-scanner";
import { readSpecFixtures, splitEvery, splitRandomly } from "@/tests/fixtures/fake-upstream/read-spec-fixtures";
import { cpuMs } from "../support/cpu-time";

type Item = { event: SseEvent } | { comment: string };

function scan(chunks: Iterable<Uint8Array>, options?: { maxLineBytes?: number }): { items: Item[]; overflows: number[] } {
  const items: Item[] = [];
  const overflows: number[] = [];
  const scanner = createSseScanner(
    {
      onEvent: (event) => items.push({ event }),
      onComment: (comment) => items.push({ comment }),
      onOverflow: (n) => overflows.push(n),
    },
    options,
  );
  for (const chunk of chunks) scanner.push(chunk);
  scanner.end();
  return { items, overflows };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const events = (text: string) =>
  scan([bytes(text)]).items.flatMap((item) => ("event" in item ? [item.event] : []));

const streamFixtures = readSpecFixtures().filter((f) => f.stream);

describe("createSseScanner", () => {
  it("parses the basic OpenAI framing", () => {
    expect(events('data: {"a":1}\n\ndata: [DONE]\n\n')).toEqual([{ data: '{"a":1}' }, { data: "[DONE]" }]);
  });

  it("accepts \\r\\n, \\r and \\n line endings, mixed", () => {
    expect(events("data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: d\r\n\n")).toEqual([
      { data: "a" },
      { data: "b" },
      { data: "c" },
      { data: "d" },
    ]);
  });

  it("accepts data: without a space, and removes only one leading space", () => {
    expect(events("data:x\n\ndata:  two spaces\n\n")).toEqual([{ data: "x" }, { data: " two spaces" }]);
  });

  it("joins multi-line data with \\n", () => {
    expect(events("data: {\"a\":\ndata: 1}\n\n")).toEqual([{ data: '{"a":\n1}' }]);
    expect(events("data\ndata\n\n")).toEqual([{ data: "\n" }]);
  });

  it("reports event: and id: fields with their event, and comments on their own", () => {
    const { items } = scan([bytes(": keep-alive\n\nid: 7\nevent: message\n:note\ndata: x\n\n")]);
    expect(items).toEqual([{ comment: "keep-alive" }, { comment: "note" }, { event: { data: "x", event: "message", id: "7" } }]);
  });

  it("dispatches nothing for a block without data, and forgets its event type", () => {
    expect(events("event: ping\n\ndata: x\n\n")).toEqual([{ data: "x" }]);
  });

  it("ignores retry: and unknown fields", () => {
    expect(events("retry: 1000\nfoo: bar\ndata: x\n\n")).toEqual([{ data: "x" }]);
  });

  it("flushes a final event without a blank line, and a last line without a line ending", () => {
    expect(events("data: a\n\ndata: b\n")).toEqual([{ data: "a" }, { data: "b" }]);
    expect(events("data: a\n\ndata: b")).toEqual([{ data: "a" }, { data: "b" }]);
  });

  it("strips a byte order mark only at the very start", () => {
    expect(events("\uFEFFdata: a\n\ndata: \uFEFFb\n\n")).toEqual([{ data: "a" }, { data: "\uFEFFb" }]);
  });

  it("handles a \\r\\n split across chunks as one line ending", () => {
    const { items } = scan([bytes("data: a\r"), bytes("\ndata: b\r"), bytes("\n\r"), bytes("\n")]);
    expect(items).toEqual([{ event: { data: "a\nb" } }]);
  });

  it("decodes a multi-byte UTF-8 character split across chunks", () => {
    const all = bytes('data: {"t":"héllo 🖼️ 画像"}\n\n');
    for (let cut = 1; cut < all.length; cut++) {
      const { items } = scan([all.subarray(0, cut), all.subarray(cut)]);
      expect(items).toEqual([{ event: { data: '{"t":"héllo 🖼️ 画像"}' } }]);
    }
  });

  it("does not keep references to the caller's buffers", () => {
    const buffer = bytes("data: abc");
    const items: SseEvent[] = [];
    const scanner = createSseScanner({ onEvent: (e) => items.push(e) });
    scanner.push(buffer);
    buffer.fill(0x21); // the caller reuses its buffer
    scanner.push(bytes("\n\n"));
    expect(items).toEqual([{ data: "abc" }]);
  });

  it("drops a line longer than maxLineBytes and carries on", () => {
    const long = `data: ${"x".repeat(100)}\n\ndata: ok\n\n`;
    for (const chunks of [[bytes(long)], splitEvery(bytes(long), 7)]) {
      const { items, overflows } = scan(chunks, { maxLineBytes: 50 });
      expect(items).toEqual([{ event: { data: "ok" } }]);
      expect(overflows.length).toBeGreaterThan(0);
    }
  });

  describe.each(streamFixtures.map((f) => [f.name, f] as const))("fixture %s", (_name, fixture) => {
    const whole = scan([fixture.bytes]).items;

    it("parses into JSON events, [DONE] or comments", () => {
      expect(whole.length).toBeGreaterThan(0);
      for (const item of whole) {
        if ("comment" in item) continue;
        if (item.event.data !== "[DONE]") expect(() => JSON.parse(item.event.data)).not.toThrow();
      }
    });

    it("gives identical results for 1-byte chunks and for random splits", () => {
      expect(scan(splitEvery(fixture.bytes, 1)).items).toEqual(whole);
      for (let seed = 1; seed <= 200; seed++) expect(scan(splitRandomly(fixture.bytes, seed)).items).toEqual(whole);
    });
  });

  it("finds the expected events in the irregular fixtures", () => {
    const crlf = streamFixtures.find((f) => f.name === "stream-crlf-nospace.sse")!;
    const items = scan([crlf.bytes]).items;
    const dataEvents = items.flatMap((i) => ("event" in i ? [i.event] : []));
    expect(dataEvents.at(-1)).toEqual({ data: "[DONE]" });
    expect(dataEvents[0]).toMatchObject({ event: "message", id: "0" });
    expect(items.filter((i) => "comment" in i).length).toBe(5);

    const multi = streamFixtures.find((f) => f.name === "stream-multiline-data.sse")!;
    const second = scan([multi.bytes]).items[1] as { event: SseEvent };
    expect(second.event.data).toContain('"model": "gpt-4o-image",\n "choices"');
    expect(JSON.parse(second.event.data).choices[0].delta.content).toMatch(/^!\[img\]\(data:image\/png;base64,/);

    const noDone = streamFixtures.find((f) => f.name === "stream-delta-images-no-done.sse")!;
    expect(scan([noDone.bytes]).items.length).toBe(4);
  });

  it("parses a single 4 MiB+ event fed in 64 KiB chunks in well under a second", () => {
    const payload = "A".repeat(4 * 1024 * 1024 + 123);
    const body = bytes(`data: {"x":"${payload}"}\n\ndata: [DONE]\n\n`);
    const started = cpuMs();
    const { items } = scan(splitEvery(body, 64 * 1024));
    const elapsed = cpuMs() - started;
    expect(items.length).toBe(2);
    expect((items[0] as { event: SseEvent }).event.data.length).toBe(payload.length + 8);
    expect(elapsed).toBeLessThan(500);
  });

  it("stays linear for a huge event fed in tiny chunks", () => {
    const body = bytes(`data: ${"B".repeat(1024 * 1024)}\n\n`);
    const started = cpuMs();
    const { items } = scan(splitEvery(body, 256));
    expect((items[0] as { event: SseEvent }).event.data.length).toBe(1024 * 1024);
    expect(cpuMs() - started).toBeLessThan(500);
  });

  it("stays linear for a chunk holding many lines (line-end search is cached)", () => {
    const body = bytes("data: x\n\n".repeat(100_000));
    const started = cpuMs();
    expect(scan([body]).items.length).toBe(100_000);
    expect(cpuMs() - started).toBeLessThan(1000);
  });
});
