import type { StreamingJsonOptions, StringContext, StringSink } from "./create-streaming-json-parser";
import { InvalidJsonError } from "./invalid-json-error";

/**
 * The inside of one JSON string at a time, for the streaming JSON parser: decodes escapes, keeps surrogate pairs
 * whole, and holds the text until it grows past `keepChars`, when openString may take it as a sink.
 */
export interface JsonStringReader {
  /** The opening quote was read; `isKey`: the string is an object's member name (never offered to a sink). */
  open(isKey: boolean): void;
  /** Characters of the open string from `i`; returns where the string (or the text) stopped. */
  read(text: string, i: number): number;
}

/** What the reader asks of the parser around it. */
export interface JsonStringHost {
  /** Where the open string sits (asked at most once per string, when it grows past keepChars). */
  context(): StringContext;
  /** The closing quote was read; key() or value() follows. */
  ended(): void;
  key(name: string): void;
  value(value: unknown): void;
}

// One native search finds the end of a run of plain characters, so a multi-MiB base64 string is appended a slice
// per write rather than walked character by character.
const STRING_STOP = /["\\\u0000-\u001f]/g;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

export function createJsonStringReader(options: StreamingJsonOptions, host: JsonStringHost): JsonStringReader {
  let isKey = false;
  let parts: string[] = [];
  let length = 0;
  let sink: StringSink | null = null;
  let offered = false;
  let escape: "" | "\\" | "u" = "";
  let hex = "";
  let highSurrogate = "";

  function appendString(text: string): void {
    if (text.length === 0) return;
    if (sink) return sink.write(text);
    parts.push(text);
    length += text.length;
    if (!isKey && !offered && length > options.keepChars) {
      offered = true;
      const head = parts.join("");
      sink = options.openString(host.context(), head);
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
    host.ended();
    if (isKey) host.key(parts.join(""));
    else host.value(sink ? sink.end() : parts.join(""));
    parts = [];
    length = 0;
    sink = null;
    offered = false;
  }

  function read(text: string, i: number): number {
    while (i < text.length) {
      if (escape === "\\") {
        const c = text[i++]!;
        if (c === "u") {
          escape = "u";
          hex = "";
          continue;
        }
        const unescaped = ESCAPES[c];
        if (unescaped === undefined) throw new InvalidJsonError();
        escape = "";
        pushChar(unescaped);
        continue;
      }
      if (escape === "u") {
        const c = text[i++]!;
        if (!/[0-9a-fA-F]/.test(c)) throw new InvalidJsonError();
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
      throw new InvalidJsonError(); // a raw control character
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

  return {
    open(key) {
      isKey = key;
    },
    read,
  };
}
