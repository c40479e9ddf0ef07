import type { StreamingJsonOptions, StreamingJsonResult } from "./create-streaming-json-parser";
import { createJsonStringReader } from "./create-json-string-reader";
import { InvalidJsonError } from "./invalid-json-error";

/**
 * The structure of one JSON text for the streaming JSON parser: a stack of the objects and arrays being built,
 * numbers and literals, and which token may come next. Strings are read by createJsonStringReader. Throws
 * InvalidJsonError where JSON.parse would reject the text.
 */
export interface JsonValueScanner {
  scan(text: string): void;
  /** The text ended: the value, or a failure if it is incomplete. */
  finish(): StreamingJsonResult;
}

type Frame =
  | { kind: "object"; value: Record<string, unknown>; key: string | undefined; state: "key-or-end" | "key" | "colon" | "value" | "comma-or-end" }
  | { kind: "array"; value: unknown[]; state: "value-or-end" | "value" | "comma-or-end" };

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const NUMBER_CHAR = /[-+0-9.eE]/;
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };
const isJsonSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";
// What String.prototype.trim() removes (JS whitespace and line terminators): allowed around the whole text, since
// callers used to trim before JSON.parse.
const isTrimSpace = (c: string) => /\s/.test(c);

export function createJsonValueScanner(options: StreamingJsonOptions): JsonValueScanner {
  const stack: Frame[] = [];
  let top: "value" | "done" = "value";
  let root: unknown;

  // The token being read, if any.
  let token: "none" | "string" | "number" | "literal" = "none";
  let scalar = ""; // number or literal text

  const strings = createJsonStringReader(options, {
    context: () => ({ path: path(), containers: stack.map((f) => f.value) }),
    ended() {
      token = "none";
    },
    key(name) {
      const frame = stack.at(-1) as Extract<Frame, { kind: "object" }>;
      frame.key = name;
      frame.state = "colon";
    },
    value: place,
  });

  function path(): (string | number)[] {
    return stack.map((frame) => (frame.kind === "object" ? (frame.key ?? "") : frame.value.length));
  }

  function place(value: unknown): void {
    const frame = stack.at(-1);
    if (!frame) {
      if (top !== "value") throw new InvalidJsonError();
      root = value;
      top = "done";
      return;
    }
    if (frame.kind === "object") {
      if (frame.state !== "value") throw new InvalidJsonError();
      const key = frame.key!;
      // JSON.parse makes "__proto__" an own property, not the prototype.
      if (key === "__proto__") Object.defineProperty(frame.value, key, { value, writable: true, enumerable: true, configurable: true });
      else frame.value[key] = value;
      frame.key = undefined;
      frame.state = "comma-or-end";
    } else {
      if (frame.state !== "value" && frame.state !== "value-or-end") throw new InvalidJsonError();
      frame.value.push(value);
      frame.state = "comma-or-end";
    }
  }

  function expectingValue(): boolean {
    const frame = stack.at(-1);
    if (!frame) return top === "value";
    return frame.kind === "object" ? frame.state === "value" : frame.state === "value" || frame.state === "value-or-end";
  }

  function finishScalar(): void {
    if (token === "number") placeNumber();
    else placeLiteral();
    token = "none";
    scalar = "";
  }

  function placeNumber(): void {
    if (!NUMBER.test(scalar)) throw new InvalidJsonError();
    place(Number(scalar));
  }

  function placeLiteral(): void {
    if (!(scalar in LITERALS)) throw new InvalidJsonError();
    place(LITERALS[scalar]);
  }

  function scan(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (token === "string") {
        i = strings.read(text, i);
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
        throw new InvalidJsonError();
      }
      if (!frame && top === "value" && isTrimSpace(c)) continue;
      if (frame?.kind === "object" && (frame.state === "key-or-end" || frame.state === "key")) {
        if (c === "}" && frame.state === "key-or-end") {
          stack.pop();
          place(frame.value);
          continue;
        }
        if (c !== '"') throw new InvalidJsonError();
        token = "string";
        strings.open(true);
        continue;
      }
      if (frame?.kind === "object" && frame.state === "colon") {
        if (c !== ":") throw new InvalidJsonError();
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
        throw new InvalidJsonError();
      }
      if (frame?.kind === "array" && frame.state === "value-or-end" && c === "]") {
        stack.pop();
        place(frame.value);
        continue;
      }
      if (!expectingValue()) throw new InvalidJsonError();
      if (c === "{") stack.push({ kind: "object", value: {}, key: undefined, state: "key-or-end" });
      else if (c === "[") stack.push({ kind: "array", value: [], state: "value-or-end" });
      else if (c === '"') {
        token = "string";
        strings.open(false);
      } else if (c === "-" || (c >= "0" && c <= "9")) {
        token = "number";
        scalar = c;
      } else if (c >= "a" && c <= "z") {
        token = "literal";
        scalar = c;
      } else throw new InvalidJsonError();
    }
  }

  return {
    scan,
    finish() {
      if (token === "number" || token === "literal") finishScalar();
      if (token !== "none" || stack.length > 0 || top !== "done") return { ok: false };
      return { ok: true, value: root };
    },
  };
}
