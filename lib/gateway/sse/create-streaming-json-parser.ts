/**
 * An incremental JSON parser for one (possibly multi-MiB) JSON text fed in pieces, with JSON.parse's result for
 * valid input and a failure for anything JSON.parse rejects. What makes it worth having: a string value that grows
 * past `keepChars` is offered to `openString` with its path, and when a sink takes it, its characters stream there
 * (unescaped) instead of being held; the value in the result is whatever the sink's end() returns. So an event
 * carrying a 4 MiB base64 image can be read without ever holding its text.
 */

export type JsonPath = readonly (string | number)[];

/** Where a long string sits: its path and the containers around it so far (outermost first), partly built. */
export interface StringContext {
  path: JsonPath;
  containers: readonly unknown[];
}

export interface StringSink {
  write(text: string): void;
  /** The string ended: the value to put in its place. */
  end(): unknown;
}

export interface StreamingJsonOptions {
  /** Strings are held up to this many characters; past it, openString decides (once) whether they stream. */
  keepChars: number;
  openString(context: StringContext, head: string): StringSink | null;
}

export type StreamingJsonResult = { ok: true; value: unknown } | { ok: false };

export interface StreamingJsonParser {
  write(text: string): void;
  end(): StreamingJsonResult;
}

type Frame =
  | { kind: "object"; value: Record<string, unknown>; key: string | undefined; state: "key-or-end" | "key" | "colon" | "value" | "comma-or-end" }
  | { kind: "array"; value: unknown[]; state: "value-or-end" | "value" | "comma-or-end" };

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const NUMBER_CHAR = /[-+0-9.eE]/;
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };
const STRING_STOP = /["\\\u0000-\u001f]/g;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const isJsonSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";
// What String.prototype.trim() removes (JS whitespace and line terminators): allowed around the whole text, since
// callers used to trim before JSON.parse.
const isTrimSpace = (c: string) => /\s/.test(c);

class Invalid extends Error {}

export function createStreamingJsonParser(options: StreamingJsonOptions): StreamingJsonParser {
  const stack: Frame[] = [];
  let top: "value" | "done" = "value";
  let root: unknown;
  let failed = false;

  // The token being read, if any.
  let token: "none" | "string" | "number" | "literal" = "none";
  let isKey = false;
  let parts: string[] = [];
  let length = 0;
  let sink: StringSink | null = null;
  let offered = false;
  let escape: "" | "\\" | "u" = "";
  let hex = "";
  let highSurrogate = "";
  let scalar = ""; // number or literal text

  function path(): (string | number)[] {
    return stack.map((frame) => (frame.kind === "object" ? (frame.key ?? "") : frame.value.length));
  }

  function place(value: unknown): void {
    const frame = stack.at(-1);
    if (!frame) {
      if (top !== "value") throw new Invalid();
      root = value;
      top = "done";
      return;
    }
    if (frame.kind === "object") {
      if (frame.state !== "value") throw new Invalid();
      const key = frame.key!;
      // JSON.parse makes "__proto__" an own property, not the prototype.
      if (key === "__proto__") Object.defineProperty(frame.value, key, { value, writable: true, enumerable: true, configurable: true });
      else frame.value[key] = value;
      frame.key = undefined;
      frame.state = "comma-or-end";
    } else {
      if (frame.state !== "value" && frame.state !== "value-or-end") throw new Invalid();
      frame.value.push(value);
      frame.state = "comma-or-end";
    }
  }

  function expectingValue(): boolean {
    const frame = stack.at(-1);
    if (!frame) return top === "value";
    return frame.kind === "object" ? frame.state === "value" : frame.state === "value" || frame.state === "value-or-end";
  }

  function appendString(text: string): void {
    if (text.length === 0) return;
    if (sink) return sink.write(text);
    parts.push(text);
    length += text.length;
    if (!isKey && !offered && length > options.keepChars) {
      offered = true;
      const head = parts.join("");
      sink = options.openString({ path: path(), containers: stack.map((f) => f.value) }, head);
      if (sink) {
        parts = [];
        length = 0;
        sink.write(head);
      } else {
        parts = [head];
      }
    }
  }

  function finishString(): void {
    if (highSurrogate) {
      appendString(highSurrogate);
      highSurrogate = "";
    }
    token = "none";
    if (isKey) {
      const frame = stack.at(-1) as Extract<Frame, { kind: "object" }>;
      frame.key = parts.join("");
      frame.state = "colon";
    } else {
      place(sink ? sink.end() : parts.join(""));
    }
    parts = [];
    length = 0;
    sink = null;
    offered = false;
  }

  function finishScalar(): void {
    if (token === "number") placeNumber();
    else placeLiteral();
    token = "none";
    scalar = "";
  }

  function placeNumber(): void {
    if (!NUMBER.test(scalar)) throw new Invalid();
    place(Number(scalar));
  }

  function placeLiteral(): void {
    if (!(scalar in LITERALS)) throw new Invalid();
    place(LITERALS[scalar]);
  }

  /** Characters of a string from `i`; returns where the string (or the text) stopped. */
  function readString(text: string, i: number): number {
    while (i < text.length) {
      if (escape === "\\") {
        const c = text[i++]!;
        if (c === "u") {
          escape = "u";
          hex = "";
          continue;
        }
        const unescaped = ESCAPES[c];
        if (unescaped === undefined) throw new Invalid();
        escape = "";
        pushChar(unescaped);
        continue;
      }
      if (escape === "u") {
        const c = text[i++]!;
        if (!/[0-9a-fA-F]/.test(c)) throw new Invalid();
        hex += c;
        if (hex.length === 4) {
          escape = "";
          pushChar(String.fromCharCode(parseInt(hex, 16)));
        }
        continue;
      }
      STRING_STOP.lastIndex = i;
      const stop = STRING_STOP.exec(text);
      const end = stop ? stop.index : text.length;
      if (end > i) {
        flushSurrogate();
        appendString(text.slice(i, end));
      }
      if (!stop) return text.length;
      const c = text[end]!;
      if (c === '"') {
        finishString();
        return end + 1;
      }
      if (c === "\\") {
        escape = "\\";
        i = end + 1;
        continue;
      }
      throw new Invalid(); // a raw control character
    }
    return i;
  }

  // A \uD83D\uDE00 pair must reach the sink as one piece, or a sink splitting text by characters would see halves.
  function pushChar(c: string): void {
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff) {
      flushSurrogate();
      highSurrogate = c;
      return;
    }
    if (highSurrogate) {
      const pair = highSurrogate + c;
      highSurrogate = "";
      appendString(pair);
      return;
    }
    appendString(c);
  }

  function flushSurrogate(): void {
    if (highSurrogate) {
      const lone = highSurrogate;
      highSurrogate = "";
      appendString(lone);
    }
  }

  function step(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (token === "string") {
        i = readString(text, i);
        continue;
      }
      const c = text[i]!;
      if (token === "number" || token === "literal") {
        if (token === "number" ? NUMBER_CHAR.test(c) : /[a-z]/.test(c)) {
          scalar += c;
          i++;
          continue;
        }
        finishScalar();
        continue;
      }
      i++;
      const frame = stack.at(-1);
      if (isJsonSpace(c)) continue;
      if (!frame && top === "done") {
        if (isTrimSpace(c)) continue;
        throw new Invalid();
      }
      if (!frame && top === "value" && isTrimSpace(c)) continue;
      if (frame?.kind === "object" && (frame.state === "key-or-end" || frame.state === "key")) {
        if (c === "}" && frame.state === "key-or-end") {
          stack.pop();
          place(frame.value);
          continue;
        }
        if (c !== '"') throw new Invalid();
        token = "string";
        isKey = true;
        continue;
      }
      if (frame?.kind === "object" && frame.state === "colon") {
        if (c !== ":") throw new Invalid();
        frame.state = "value";
        continue;
      }
      if (frame && frame.state === "comma-or-end") {
        if (c === ",") {
          frame.state = frame.kind === "object" ? "key" : "value";
          continue;
        }
        if ((frame.kind === "object" && c === "}") || (frame.kind === "array" && c === "]")) {
          stack.pop();
          place(frame.value);
          continue;
        }
        throw new Invalid();
      }
      if (frame?.kind === "array" && frame.state === "value-or-end" && c === "]") {
        stack.pop();
        place(frame.value);
        continue;
      }
      if (!expectingValue()) throw new Invalid();
      if (c === "{") stack.push({ kind: "object", value: {}, key: undefined, state: "key-or-end" });
      else if (c === "[") stack.push({ kind: "array", value: [], state: "value-or-end" });
      else if (c === '"') {
        token = "string";
        isKey = false;
      } else if (c === "-" || (c >= "0" && c <= "9")) {
        token = "number";
        scalar = c;
      } else if (c >= "a" && c <= "z") {
        token = "literal";
        scalar = c;
      } else throw new Invalid();
    }
  }

  return {
    write(text) {
      if (failed) return;
      try {
        step(text);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        failed = true;
      }
    },
    end() {
      if (failed) return { ok: false };
      try {
        if (token === "number" || token === "literal") finishScalar();
        if (token !== "none" || stack.length > 0 || top !== "done") return { ok: false };
        return { ok: true, value: root };
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        return { ok: false };
      }
    },
  };
}
