import { describe, expect, it } from "vitest";
import { createChatStreamObserver, type ChatStreamObserverOptions } from "@/lib/gateway/sse/create-chat-stream-observer";
import { createStreamingJsonParser } from "@/lib/gateway/sse/create-streaming-json-parser";

// Large events are parsed as they stream (lib/gateway/sse/create-streaming-json-parser.ts) instead of being held
// whole; these tests hold that path to the results of the whole-event path (JSON.parse, the usual observer).

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function splitRandomly<T extends string | Uint8Array>(input: T, random: () => number, maxPiece: number): T[] {
  const pieces: T[] = [];
  for (let i = 0; i < input.length; ) {
    const n = 1 + Math.floor(random() * maxPiece);
    pieces.push(input.slice(i, i + n) as T);
    i += n;
  }
  return pieces;
}

function randomString(random: () => number, max: number): string {
  const alphabet = ['a', 'Z', '0', ' ', '"', "\\", "/", "\n", "\t", "\u0001", "é", "😀", "\u2028", "\ud800", "}", "]", ","];
  let out = "";
  const n = Math.floor(random() * max);
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

function randomValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 3 ? 4 : 7));
  switch (pick) {
    case 0:
      return randomString(random, 40);
    case 1:
      return [0, -0, 1.5, -2e-7, 12345678901234, 1e21, 3][Math.floor(random() * 7)];
    case 2:
      return [true, false, null][Math.floor(random() * 3)];
    case 3:
      return randomString(random, 200);
    case 4:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default: {
      const obj: Record<string, unknown> = {};
      const n = Math.floor(random() * 4);
      for (let i = 0; i < n; i++) obj[random() < 0.1 ? "__proto__" : randomString(random, 6)] = randomValue(random, depth + 1);
      return obj;
    }
  }
}

/** JSON text with random JSON whitespace between tokens. */
function serialise(value: unknown, random: () => number): string {
  const ws = () => [" ", "\n", "\r\n", "\t", ""][Math.floor(random() * 5)];
  if (Array.isArray(value)) return `[${ws()}${value.map((v) => serialise(v, random)).join(`${ws()},${ws()}`)}${ws()}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${ws()}:${ws()}${serialise(v, random)}`);
    return `{${ws()}${entries.join(`${ws()},${ws()}`)}${ws()}}`;
  }
  return JSON.stringify(value);
}

/** Parses `text` in pieces; strings over `keep` stream to sinks that rebuild them (so the value must match). */
function streamParse(text: string, pieces: string[], keep: number) {
  const parser = createStreamingJsonParser({
    keepChars: keep,
    openString: () => {
      let s = "";
      return { write: (t) => (s += t), end: () => s };
    },
  });
  for (const piece of pieces) parser.write(piece);
  return parser.end();
}

function jsonParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

describe("streaming JSON parser", () => {
  it("gives JSON.parse's value for random documents split anywhere, with long strings streamed", () => {
    const random = rng(7);
    for (let i = 0; i < 400; i++) {
      const text = serialise(randomValue(random), random);
      const expected = jsonParse(text);
      const actual = streamParse(text, splitRandomly(text, random, 12), 5);
      expect(actual, text).toEqual(expected);
      if (actual.ok && expected.ok) expect(Object.keys(Object(actual.value))).toEqual(Object.keys(Object(expected.value)));
    }
  });

  it("fails exactly where JSON.parse fails (mutated and truncated documents, classic invalid inputs)", () => {
    const random = rng(11);
    const invalid = ["", " ", "{", "[1,]", '{"a":1,}', "01", "1.", ".5", "+1", "-", "tru", "nulls", '"\\x"', '"\\u12"', '"a\nb"', "[1 2]", '{"a" 1}', '{a:1}', "1 2", "[]]", "'a'", "NaN"];
    for (const text of invalid) expect(streamParse(text, [text], 2), JSON.stringify(text)).toEqual(jsonParse(text));
    const valid = [' \u00a0{"a":[1,{"b":null}]}\ufeff ', "-0", "1E+2", '"\\ud83d\\ude00\\u00e9\\/"', '{"__proto__":{"x":1},"a":2,"a":3}'];
    for (const text of valid) expect(streamParse(text.trim() === text ? text : text, splitRandomly(text, random, 3), 1), text).toEqual(jsonParse(text.trim()));
    for (let i = 0; i < 400; i++) {
      const text = serialise(randomValue(random), random);
      const at = Math.floor(random() * (text.length + 1));
      const mutated = random() < 0.5 ? text.slice(0, at) : text.slice(0, at) + ["}", "]", ",", '"', ":", "x", "\u0000", "1"][Math.floor(random() * 8)] + text.slice(at);
      expect(streamParse(mutated, splitRandomly(mutated, random, 9), 4).ok, mutated).toBe(jsonParse(mutated).ok);
    }
  });
});

const encoder = new TextEncoder();
const b64 = (size: number, seed: number) => {
  const random = rng(seed);
  return Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256))).toString("base64");
};
const chunk = (delta: unknown, extra: Record<string, unknown> = {}, index = 0) =>
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", model: "m", ...extra, choices: [{ index, delta, finish_reason: null }] })}\n\n`;
const usage = `data: ${JSON.stringify({ id: "c1", choices: [], usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 } })}\n\n`;
const done = "data: [DONE]\n\n";

function observe(body: string, options: ChatStreamObserverOptions, random: () => number, end = true) {
  const observer = createChatStreamObserver(options);
  for (const piece of splitRandomly(encoder.encode(body), random, 5000)) observer.push(piece);
  if (end) observer.end();
  const { images, textChars, events, malformedEvents, usage: u, done: d, error, id, model, finishReason } = observer;
  return { images: images.map((i) => ({ ...i })), textChars, events, malformedEvents, usage: u, done: d, error: error && { ...error, raw: undefined }, id, model, finishReason };
}

describe("chat stream observer, large events", () => {
  const big = b64(30_000, 1);
  const big2 = b64(30_000, 2);
  const cases: Record<string, string> = {
    "markdown data image in one delta": chunk({ role: "assistant", content: "" }) + chunk({ content: `here ![a](data:image/png;base64,${big}) and text` }) + usage + done,
    "markdown data image split over two large deltas": chunk({ content: `![a](data:image/png;base64,${big.slice(0, 20_000)}` }) + chunk({ content: `${big.slice(20_000)}) done` }) + done,
    "images array (data and http), duplicate of the markdown image": chunk({ content: `![a](data:image/png;base64,${big})`, images: [{ type: "image_url", image_url: { url: `data:image/png;base64,${big}` } }, { type: "image_url", image_url: { url: "https://x.example/i.png" } }, { image_url: `data:image/webp;base64,${big2}` }] }) + done,
    "content parts with a data image and a long text part": chunk({ content: [{ type: "text", text: `![t](data:image/png;base64,${big2})` }, { type: "image_url", image_url: { url: `data:image/jpeg;base64,${big}` } }, { type: "image_url", url: `data:image/png;base64,${big2}` }] }) + done,
    "long text without images, inline code hiding an image": chunk({ content: `\`![x](data:image/png;base64,${big})\` ${"word ".repeat(10_000)}` }) + done,
    "a long non-image URL and a bad header": chunk({ images: [{ image_url: { url: `https://x.example/${"a".repeat(40_000)}` } }, { image_url: { url: `data:text/plain;base64,${big}` } }] }) + done,
    "error chunk with a large content": `data: ${JSON.stringify({ error: { message: "boom", type: "server_error" }, choices: [{ index: 0, delta: { content: `![a](data:image/png;base64,${big})` } }] })}\n\n`,
    "event: error with large data": `event: error\ndata: ${JSON.stringify({ message: "bad", detail: big })}\n\n`,
    "index after delta": `data: {"id":"c1","choices":[{"delta":{"content":"![a](data:image/png;base64,${big})"},"index":1}]}\n\n` + done,
    "two choices with the same index": `data: {"choices":[{"index":0,"delta":{"content":"![a](data:image/png;base64,"}},{"index":0,"delta":{"content":"${big})"}}]}\n\n` + done,
    "multi-line data, CRLF, comments and a BOM": `\ufeff: hi\r\nid: 7\r\ndata: {"id":"c1","choices":[{"index":0,\r\ndata: "delta":{"content":"![a](data:image/png;base64,${big})"}}]}\r\n\r\n` + done,
    "unicode and escapes in large content": chunk({ content: `é😀\u2028 "quoted" \\ ![a](data:image/png;base64,${big})${"\n".repeat(100)}` }) + done,
  };

  for (const [name, body] of Object.entries(cases)) {
    it(`gives the whole-event results: ${name}`, () => {
      const random = rng(name.length);
      const whole = observe(body, { largeEventBytes: Infinity }, random);
      for (let i = 0; i < 3; i++) {
        const streamed = observe(body, { largeEventBytes: 1024, keepStringChars: 512 }, random);
        expect(streamed).toEqual(whole);
      }
    });
  }

  it("a large event that turns out malformed: counted as such, though its text content was already read", () => {
    // The documented difference: the whole-event path reads nothing of an event JSON.parse rejects.
    const body = `data: {"choices":[{"index":0,"delta":{"content":"${big}"}}]\n\n` + done;
    const random = rng(5);
    const whole = observe(body, { largeEventBytes: Infinity }, random);
    const streamed = observe(body, { largeEventBytes: 1024, keepStringChars: 512 }, random);
    expect({ ...streamed, textChars: 0 }).toEqual(whole);
    expect(streamed.malformedEvents).toBe(1);
    expect(streamed.textChars).toBe(big.length);
  });

  it("a large event's image is counted once it is complete, also when it is the stream's last and unterminated", () => {
    const body = chunk({ content: `![a](data:image/png;base64,${big})` }).trimEnd();
    const random = rng(3);
    expect(observe(body, { largeEventBytes: 1024, keepStringChars: 512 }, random)).toEqual(observe(body, { largeEventBytes: Infinity }, random));
  });

  it("with image bytes captured: the same images and bytes (markdown streams, a huge image URL is held)", () => {
    for (const name of ["markdown data image in one delta", "images array (data and http), duplicate of the markdown image", "content parts with a data image and a long text part"]) {
      const body = cases[name]!;
      const run = (options: ChatStreamObserverOptions) => {
        const observer = createChatStreamObserver({ images: { keepData: true }, ...options });
        for (const piece of splitRandomly(encoder.encode(body), rng(9), 3000)) observer.push(piece);
        observer.end();
        return observer.images.map((i) => (i.kind === "data" ? { ...i, bytes: Buffer.from(i.bytes!).toString("base64") } : i));
      };
      const whole = run({ largeEventBytes: Infinity });
      expect(whole.length, name).toBeGreaterThan(0);
      expect(run({ largeEventBytes: 1024, keepStringChars: 512 }), name).toEqual(whole);
    }
  });
});
