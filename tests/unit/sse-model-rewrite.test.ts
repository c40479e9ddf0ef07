import { describe, expect, it } from "vitest";
import { createJsonModelRewriter, createSseModelRewriter, type ModelRewriter } from "@/lib/gateway/sse/create-model-rewriter";
import { createModelRewriteStream, rewriteModelInEventData, rewriteModelInJson } from "@/lib/gateway/sse/rewrite-model";
import { createSseScanner, type SseEvent } from "@/lib/gateway/sse/create-sse-scanner";
import { readSpecFixtures, seededRandom, splitEvery, splitRandomly } from "@/tests/fixtures/fake-upstream/read-spec-fixtures";
import { cpuMs } from "../support/cpu-time";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function run(rewriter: ModelRewriter, chunks: Uint8Array[]): string {
  const out: Uint8Array[] = chunks.map((c) => rewriter.push(c));
  out.push(rewriter.end());
  return decoder.decode(Buffer.concat(out));
}

const sse = (text: string, chunks?: number) => {
  const bytes = encoder.encode(text);
  return run(createSseModelRewriter("public-id"), chunks ? splitEvery(bytes, chunks) : [bytes]);
};
const json = (text: string) => decoder.decode(rewriteModelInJson(encoder.encode(text), "public-id"));

function parseEvents(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const scanner = createSseScanner({ onEvent: (e) => events.push(e) });
  scanner.push(encoder.encode(text));
  scanner.end();
  return events;
}

describe("model rewrite of the spec fixtures", () => {
  const fixtures = readSpecFixtures();

  it.each(fixtures.map((f) => [f.name, f] as const))("%s: only the top-level model changes, for every split", (_n, fixture) => {
    const input = fixture.bytes.toString("utf8");
    // In these fixtures `"model": "<name>"` appears only at the top level of each JSON document.
    const expected = input.replace(/"model": "[^"]*"/g, '"model": "public-id"');
    const make = () => (fixture.stream ? createSseModelRewriter("public-id") : createJsonModelRewriter("public-id"));
    expect(run(make(), [fixture.bytes])).toBe(expected);
    expect(run(make(), splitEvery(fixture.bytes, 1))).toBe(expected);
    for (let seed = 1; seed <= 100; seed++) expect(run(make(), splitRandomly(fixture.bytes, seed, 24))).toBe(expected);
  });

  it("keeps SSE framing: the rewritten stream parses into the same events, models aside", () => {
    for (const fixture of fixtures.filter((f) => f.stream)) {
      const before = parseEvents(fixture.bytes.toString("utf8"));
      const after = parseEvents(run(createSseModelRewriter("public-id"), [fixture.bytes]));
      expect(after.length).toBe(before.length);
      after.forEach((event, i) => {
        if (event.data === "[DONE]" || !event.data.includes('"model"')) return expect(event).toEqual(before[i]);
        expect(JSON.parse(event.data)).toEqual({ ...JSON.parse(before[i]!.data), model: "public-id" });
      });
    }
  });
});

describe("createSseModelRewriter", () => {
  it("rewrites compact and spaced forms, leaving everything else byte for byte", () => {
    expect(sse('data: {"model":"up-1","x":1}\n\n')).toBe('data: {"model":"public-id","x":1}\n\n');
    expect(sse('data:{ "id" : "a" ,\t"model"\t:  "up-1" }\r\n\r\n')).toBe('data:{ "id" : "a" ,\t"model"\t:  "public-id" }\r\n\r\n');
  });

  it("touches only the top level, never nested or quoted look-alikes", () => {
    const text =
      'data: {"choices":[{"delta":{"content":"\\"model\\":\\"x\\"","model":"inner"}}],"meta":{"model":"m2"},"model":"up"}\n\n';
    expect(sse(text)).toBe(text.replace('"model":"up"', '"model":"public-id"'));
    expect(sse('data: {"models":"a","xmodel":"b","model_id":"c"}\n\n')).toBe('data: {"models":"a","xmodel":"b","model_id":"c"}\n\n');
  });

  it("handles escapes inside the old value and an escaped key spelling", () => {
    expect(sse('data: {"model":"a\\"b\\\\"}\n\n')).toBe('data: {"model":"public-id"}\n\n');
    expect(sse('data: {"mod\\u0065l":"a"}\n\n')).toBe('data: {"mod\\u0065l":"public-id"}\n\n');
  });

  it("leaves non-string models, [DONE], errors, comments and non-JSON data alone", () => {
    const text = 'data: {"model":null}\n\ndata: [DONE]\n\n: model\n\ndata: {"error":{"model":"x"}}\n\ndata: model\n\nevent: model\n\n';
    expect(sse(text)).toBe(text);
  });

  it("rewrites each event of a multi-line event stream once, also when model is on a later data: line", () => {
    expect(sse('data: {"id":"a",\ndata: "model":"up"}\n\ndata: {"model":"up"}\n\n', 3)).toBe(
      'data: {"id":"a",\ndata: "model":"public-id"}\n\ndata: {"model":"public-id"}\n\n',
    );
  });

  it("escapes the public id as JSON", () => {
    const out = run(createSseModelRewriter('we"ird\\id'), [encoder.encode('data: {"model":"x"}\n\n')]);
    expect(JSON.parse(parseEvents(out)[0]!.data).model).toBe('we"ird\\id');
  });

  it("gives up (unchanged bytes) on a model string cut by a line end or by the end of the body", () => {
    expect(sse('data: {"model":"ab\ndata: c"}\n\n')).toBe('data: {"model":"ab\ndata: c"}\n\n');
    const rewriter = createSseModelRewriter("public-id");
    const head = rewriter.push(encoder.encode('data: {"model":"trunc'));
    expect(decoder.decode(head)).toBe('data: {"model":');
    expect(decoder.decode(rewriter.end())).toBe('"trunc');
  });

  it("does not buffer an absurdly long model string", () => {
    const long = "m".repeat(5000);
    expect(sse(`data: {"model":"${long}"}\n\n`, 512)).toBe(`data: {"model":"${long}"}\n\n`);
  });

  it("returns the input chunk itself when nothing in it changed (no copy)", () => {
    const rewriter = createSseModelRewriter("public-id");
    const first = encoder.encode('data: {"model":"up","choices":[{"delta":{"content":"');
    rewriter.push(first);
    const big = encoder.encode("A".repeat(100_000));
    expect(rewriter.push(big)).toBe(big);
  });

  it("rewrites a 4 MiB+ event in 64 KiB chunks quickly, whether model comes first or last", () => {
    const payload = "B".repeat(4 * 1024 * 1024 + 5);
    for (const text of [
      `data: {"id":"x","model":"up","choices":[{"delta":{"content":"${payload}"}}]}\n\n`,
      `data: {"id":"x","choices":[{"delta":{"content":"${payload}\\n\\"q\\""}}],"model":"up"}\n\n`,
    ]) {
      const started = cpuMs();
      const out = sse(text, 64 * 1024);
      expect(cpuMs() - started).toBeLessThan(500);
      expect(out.length).toBe(text.length + "public-id".length - 2);
      expect(JSON.parse(parseEvents(out)[0]!.data).model).toBe("public-id");
    }
  });
});

describe("randomised documents", () => {
  // Random JSON with tricky strings and nested look-alikes; the expectation comes from JSON.parse itself.
  function randomDocument(random: () => number): Record<string, unknown> {
    const strings = ['"model"', "a\\b", "é 🖼️", "\n\r\t", '{"model":"x"}', "`![x](y)`", "", "\u0000"];
    const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 2 || r < 0.3) return pick(strings);
      if (r < 0.4) return Math.floor(random() * 1000) - 500;
      if (r < 0.45) return null;
      if (r < 0.7) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
      return { model: pick(strings), [pick(strings)]: value(depth + 1) };
    };
    const doc: Record<string, unknown> = {};
    const keys = ["id", "choices", "usage", "model", "object", pick(strings)];
    keys.sort(() => random() - 0.5);
    for (const key of keys) doc[key] = key === "model" ? pick(strings) : value(0);
    return doc;
  }

  it("rewrites exactly the top-level model of 300 random documents, whatever the split and framing", () => {
    const random = seededRandom(42);
    for (let n = 0; n < 300; n++) {
      const doc = randomDocument(random);
      const spaced = n % 2 === 0;
      const text = spaced ? JSON.stringify(doc, null, 1).replace(/\n/g, " ") : JSON.stringify(doc);
      const eol = n % 3 === 0 ? "\r\n" : "\n";
      const body = encoder.encode(`: c${eol}data: ${text}${eol}${eol}data: [DONE]${eol}${eol}`);
      const out = run(createSseModelRewriter("public-id"), splitRandomly(body, n, 20));
      const events = parseEvents(out);
      expect(JSON.parse(events[0]!.data)).toEqual({ ...doc, model: "public-id" });
      expect(events[1]!.data).toBe("[DONE]");
      // Every other byte is kept: only the old value's bytes are swapped for the new one's.
      const oldValue = Buffer.byteLength(JSON.stringify(doc.model));
      expect(Buffer.byteLength(out)).toBe(body.length - oldValue + '"public-id"'.length);
    }
  });
});

describe("non-stream and helpers", () => {
  it("rewriteModelInJson keeps formatting and rewrites the top-level model wherever it is", () => {
    expect(json('{\n  "id": "a",\n  "model": "up",\n  "x": {"model": "n"}\n}')).toBe(
      '{\n  "id": "a",\n  "model": "public-id",\n  "x": {"model": "n"}\n}',
    );
    expect(json("[1,2]")).toBe("[1,2]");
    expect(json('{"error":{"message":"x"}}')).toBe('{"error":{"message":"x"}}');
  });

  it("rewriteModelInEventData works on the scanner's strings", () => {
    expect(rewriteModelInEventData('{"model":"x","c":"é"}', "p")).toBe('{"model":"p","c":"é"}');
  });

  it("createModelRewriteStream pipes bytes through", async () => {
    const fixture = readSpecFixtures().find((f) => f.name === "stream-crlf-nospace.sse")!;
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of splitRandomly(fixture.bytes, 11)) controller.enqueue(piece.slice());
        controller.close();
      },
    });
    const text = await new Response(source.pipeThrough(createModelRewriteStream("public-id", "sse"))).text();
    expect(text).toBe(fixture.bytes.toString("utf8").replace(/"model": "[^"]*"/g, '"model": "public-id"'));
  });
});
