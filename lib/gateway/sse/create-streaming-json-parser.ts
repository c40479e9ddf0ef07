import { createJsonValueScanner } from "./create-json-value-scanner";
import { InvalidJsonError } from "./invalid-json-error";

/**
 * An incremental JSON parser for one (possibly multi-MiB) JSON text fed in pieces, with JSON.parse's result for
 * valid input and a failure for anything JSON.parse rejects. What makes it worth having: a string value that grows
 * past `keepChars` is offered to `openString` with its path, and when a sink takes it, its characters stream there
 * (unescaped) instead of being held; the value in the result is whatever the sink's end() returns. So an event
 * carrying a 4 MiB base64 image can be read without ever holding its text.
 *
 * The work is split: createJsonValueScanner reads the structure (containers, numbers, literals),
 * createJsonStringReader the inside of strings (escapes, surrogate pairs, sinks); this file is the public face.
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

export function createStreamingJsonParser(options: StreamingJsonOptions): StreamingJsonParser {
  const scanner = createJsonValueScanner(options);
  // After the first invalid character the rest is ignored: the result can only be a failure.
  let failed = false;

  return {
    write(text) {
      if (failed) return;
      try {
        scanner.scan(text);
      } catch (error) {
        if (!(error instanceof InvalidJsonError)) throw error;
        failed = true;
      }
    },
    end() {
      if (failed) return { ok: false };
      try {
        return scanner.finish();
      } catch (error) {
        if (!(error instanceof InvalidJsonError)) throw error;
        return { ok: false };
      }
    },
  };
}
