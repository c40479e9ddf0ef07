export interface CodeTracker {
  /**
   * Called at a plain-text position. Returns `from` when the character there is ordinary text, or the index up to
   * which characters were consumed as code (inline code, a fenced block, or a backtick run still being counted).
   * `replay` re-reads text that turned out not to be code (see below).
   */
  consume(text: string, from: number, replay: (text: string) => void): number;
  /** Every character the caller treats as plain text passes here, to keep track of line starts. */
  noteText(c: string): void;
  /** End of input: an unclosed inline code span was not code after all. */
  end(replay: (text: string) => void): void;
}

const IDLE = 0;
const TICKS = 1; // counting a backtick run
const TILDES = 2; // counting a tilde run at a line start
const SPAN = 3; // inside inline code
const SPAN_CLOSE = 4; // counting a backtick run inside inline code
const FENCE_INFO = 5; // rest of the opening fence line
const FENCE_LINE = 6; // start of a line inside a fenced block (indent, maybe the closing fence)
const FENCE_RUN = 7;
const FENCE_TAIL = 8; // after a closing run: only spaces may follow
const FENCE_BODY = 9;

// Inline code cannot cross a paragraph; a run with no partner is literal. Without look-ahead the tracker buffers
// what follows an opening run (up to this much) and re-reads it as text when the span turns out to be unclosed.
const MAX_SPAN = 4096;
const SPAN_STOP = /[`\n]/g;

/**
 * CommonMark's code rules, reduced to what decides whether `![x](y)` is text: inline code spans (matched backtick
 * runs of equal length) and fenced blocks (three or more backticks or tildes at a line start, up to three spaces of
 * indent, closed by a run at least as long). During a replay every backtick run is literal, so replays never nest.
 */
export function createCodeTracker(): CodeTracker {
  let state = IDLE;
  let lineStart = true;
  let indent = 0;
  let run = 0;
  let runAtLineStart = false;
  let spanLength = 0;
  let span = "";
  let spanLineBlank = false;
  let fenceChar = "";
  let fenceLength = 0;
  let replaying = false;
  let replayed = false; // a replay just ran: the caller's own state may have moved, so hand control back

  function noteText(c: string): void {
    if (c === "\n") {
      lineStart = true;
      indent = 0;
    } else if (lineStart && c === " " && indent < 3) {
      indent++;
    } else {
      lineStart = false;
    }
  }

  function abandonSpan(replay: (text: string) => void): void {
    const text = span;
    span = "";
    state = IDLE;
    lineStart = false;
    replaying = true;
    replayed = true;
    try {
      replay(text);
    } finally {
      replaying = false;
    }
  }

  function skipToLineEnd(text: string, from: number, next: number): number {
    const nl = text.indexOf("\n", from);
    if (nl === -1) return text.length;
    state = next;
    indent = 0;
    return nl + 1;
  }

  function consumeSpan(text: string, from: number, replay: (text: string) => void): number {
    SPAN_STOP.lastIndex = from;
    const match = SPAN_STOP.exec(text);
    const end = match ? match.index : text.length;
    const piece = text.slice(from, end + (match ? 1 : 0));
    if (end > from && /\S/.test(text.slice(from, end))) spanLineBlank = false;
    span += piece;
    if (match && text[end] === "`") {
      state = SPAN_CLOSE;
      run = 1;
    } else if (match) {
      if (spanLineBlank) return abandonSpan(replay), end + 1;
      spanLineBlank = true;
    }
    if (span.length > MAX_SPAN) abandonSpan(replay);
    return match ? end + 1 : end;
  }

  function step(text: string, i: number, replay: (text: string) => void): number {
    const c = text[i]!;
    switch (state) {
      case IDLE:
        if (c === "`" || (c === "~" && lineStart)) {
          state = c === "`" ? TICKS : TILDES;
          run = 1;
          runAtLineStart = lineStart;
          return i + 1;
        }
        return i;
      case TICKS:
      case TILDES:
        if (c === (state === TICKS ? "`" : "~")) return run++, i + 1;
        if (runAtLineStart && run >= 3) {
          fenceChar = state === TICKS ? "`" : "~";
          fenceLength = run;
          state = FENCE_INFO;
          return i;
        }
        lineStart = false;
        if (state === TILDES || replaying) {
          state = IDLE;
          return i;
        }
        state = SPAN;
        spanLength = run;
        span = "";
        spanLineBlank = false;
        return i;
      case SPAN:
        return consumeSpan(text, i, replay);
      case SPAN_CLOSE:
        if (c === "`") return run++, (span += c), i + 1;
        if (run === spanLength) {
          state = IDLE;
          span = "";
          return i;
        }
        state = SPAN;
        spanLineBlank = false;
        return i;
      case FENCE_INFO:
      case FENCE_BODY:
        return skipToLineEnd(text, i, FENCE_LINE);
      case FENCE_LINE:
        if (c === " " && indent < 3) return indent++, i + 1;
        indent = 0;
        if (c === fenceChar) return (state = FENCE_RUN), (run = 1), i + 1;
        state = c === "\n" ? FENCE_LINE : FENCE_BODY;
        return c === "\n" ? i + 1 : i;
      case FENCE_RUN:
        if (c === fenceChar) return run++, i + 1;
        state = run >= fenceLength ? FENCE_TAIL : FENCE_BODY;
        return i;
      case FENCE_TAIL:
        if (c === " " || c === "\t" || c === "\r") return i + 1;
        if (c !== "\n") return (state = FENCE_BODY), i;
        state = IDLE;
        lineStart = true;
        indent = 0;
        return i + 1;
    }
    return i;
  }

  return {
    consume(text, from, replay) {
      let i = from;
      // Loop while inside code; stop as soon as the tracker is idle at a character it did not take.
      while (i < text.length) {
        const next = step(text, i, replay);
        if (replayed) {
          replayed = false;
          return next;
        }
        if (next === i && state === IDLE) return i;
        i = next;
      }
      return i;
    },
    noteText,
    end(replay) {
      // A closing run at the very end of the input is complete: nothing can lengthen it any more.
      const closed = state === SPAN_CLOSE && run === spanLength;
      if (!closed && (state === SPAN || state === SPAN_CLOSE)) abandonSpan(replay);
      replayed = false;
      state = IDLE;
    },
  };
}
