import type { DataImageWriter, ImageCollector } from "./create-image-collector";
import type { ImageSource } from "./image-reference";
import { MAX_DATA_URL_HEADER, parseDataUrlHeader } from "./parse-data-url-header";

/** The inline image syntax `![alt](destination "title")`, from the `!` on; text around it is the scanner's. */
export interface ImageSyntax {
  /** Inside an image's syntax (after its `!`). */
  readonly active: boolean;
  /** Inside a `data:` payload: read it with scanData, not char by char. */
  readonly inData: boolean;
  /** A `!` was seen in text. */
  begin(): void;
  /** One character while active; false when it is not part of an image and must be re-read as text. */
  char(c: string): boolean;
  /** Streams base64 from `from` to the end of the destination (or of the piece); returns the next index. */
  scanData(text: string, from: number): number;
  /** End of input: an unfinished image is dropped. */
  abort(): void;
  /**
   * The stream broke (or the caller left) before the image's syntax closed: an image whose URL or whole payload
   * had already been relayed counts; anything less is dropped.
   */
  cut(): void;
}

const IDLE = 0;
const BANG = 1; // after `!`
const ALT = 2;
const ALT_ESCAPE = 3;
const AFTER_ALT = 4; // after `]`: only `(` continues an inline image
const DEST_START = 5;
const DEST = 6; // collecting an http(s) URL (or the first characters that tell what it is)
const DATA_HEADER = 7; // `data:image/png;base64` up to the comma
const DATA = 8; // base64 payload, streamed to the collector
const AFTER_DEST = 9;
const TITLE = 10;
const AFTER_TITLE = 11;

const MAX_ALT = 4096;
const MAX_URL = 8192;
const MAX_TITLE = 4096;
const DATA_END = /[)\s>]/g;

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

/**
 * Character-level states, so a piece boundary can fall anywhere; a data URL payload is scanned with one native
 * search per piece and streamed to the collector's decoder, never accumulated or matched by a backtracking regex.
 */
export function createImageSyntax(collector: ImageCollector, source: ImageSource): ImageSyntax {
  let state = IDLE;
  let altDepth = 0;
  let altLength = 0;
  let angle = false; // destination written as <...>
  let parenDepth = 0;
  let url = "";
  let titleLength = 0;
  let titleClose = "";
  let writer: DataImageWriter | null = null;
  let isData = false;

  function reset(): void {
    if (writer) writer.abort();
    writer = null;
    isData = false;
    url = "";
    state = IDLE;
  }

  function finishImage(): void {
    if (isData) writer?.finish();
    else collector.addHttpUrl(url, source);
    writer = null;
    isData = false;
    url = "";
    state = IDLE;
  }

  /** Handles one character of image syntax; returns false when the character must be re-read as plain text. */
  function imageChar(c: string): boolean {
    switch (state) {
      case BANG:
        if (c === "[") {
          state = ALT;
          altDepth = 1;
          altLength = 0;
          return true;
        }
        state = IDLE;
        return c === "!" ? ((state = BANG), true) : false;
      case ALT:
        if (++altLength > MAX_ALT) return reset(), false;
        if (c === "\\") state = ALT_ESCAPE;
        else if (c === "[") altDepth++;
        else if (c === "]" && --altDepth === 0) state = AFTER_ALT;
        return true;
      case ALT_ESCAPE:
        state = ALT;
        return true;
      case AFTER_ALT:
        if (c === "(") {
          state = DEST_START;
          angle = false;
          parenDepth = 0;
          url = "";
          return true;
        }
        state = IDLE;
        return false;
      case DEST_START:
        if (c === " " || c === "\t" || c === "\n") return true;
        if (c === "<" && !angle) return (angle = true), true;
        state = DEST;
        return imageChar(c);
      case DEST:
        return destChar(c);
      case DATA_HEADER:
        if (c !== ",") {
          url += c;
          return url.length > MAX_DATA_URL_HEADER ? (reset(), false) : true;
        }
        return startData();
      case AFTER_DEST:
        if (isSpace(c)) return true;
        if (c === ")") return finishImage(), true;
        if (c === '"' || c === "'" || c === "(") {
          state = TITLE;
          titleClose = c === "(" ? ")" : c;
          titleLength = 0;
          return true;
        }
        return reset(), false;
      case TITLE:
        if (++titleLength > MAX_TITLE) return reset(), false;
        if (c === titleClose) state = AFTER_TITLE;
        return true;
      case AFTER_TITLE:
        if (isSpace(c)) return true;
        if (c === ")") return finishImage(), true;
        return reset(), false;
    }
    return false;
  }

  function destChar(c: string): boolean {
    if (angle ? c === ">" : isSpace(c)) {
      state = AFTER_DEST;
      return true;
    }
    if (angle && c === "\n") return reset(), false;
    if (!angle && c === "(") parenDepth++;
    if (!angle && c === ")" && parenDepth-- === 0) return finishImage(), true;
    url += c;
    if (url.length === 5 && url.toLowerCase() === "data:") state = DATA_HEADER;
    return url.length > MAX_URL ? (reset(), false) : true;
  }

  function startData(): boolean {
    const header = parseDataUrlHeader(url);
    if (!header) return reset(), false;
    isData = true;
    writer = collector.startData(header.mime, source);
    state = DATA;
    return true;
  }

  /** Streams base64 up to the end of the destination with one native search per piece. */
  function scanData(text: string, from: number): number {
    DATA_END.lastIndex = from;
    const match = DATA_END.exec(text);
    const end = match ? match.index : text.length;
    if (end > from) writer?.write(text.slice(from, end));
    if (!match) return end;
    const c = text[end]!;
    if (!angle && c === ")") {
      finishImage();
      return end + 1;
    }
    // `<data:...>` ends at `>`; a bare destination ends at whitespace (a title may follow). Anything else is junk.
    const closes = angle ? c === ">" : isSpace(c);
    if (!closes) {
      reset();
      return end;
    }
    state = AFTER_DEST;
    return end + 1;
  }

  return {
    get active() {
      return state !== IDLE;
    },
    get inData() {
      return state === DATA;
    },
    begin() {
      state = BANG;
    },
    char: imageChar,
    scanData,
    abort: reset,
    cut() {
      if (state === DATA) {
        writer?.cut();
        writer = null;
        return reset();
      }
      // The destination ended (a space, `>` or a title followed it): the caller has all of it.
      if (state === AFTER_DEST || state === TITLE || state === AFTER_TITLE) return finishImage();
      // An http(s) URL that may have lost only its `)`: what reached the caller is a link to the image.
      if (state === DEST && !isData) {
        collector.addHttpUrl(url, source);
        url = "";
        state = IDLE;
        return;
      }
      reset();
    },
  };
}
