import type { ImageCollector } from "./create-image-collector";
import { createCodeTracker } from "./create-code-tracker";
import { createImageSyntax } from "./create-image-syntax";
import type { ImageSource } from "./image-reference";

export interface MarkdownImageScanner {
  /** The next piece of markdown text; pieces may split the syntax anywhere. */
  write(text: string): void;
  /** End of the text: an image whose `)` never came is dropped. */
  end(): void;
  /** The text broke off (a cut stream): an image whose URL or whole payload came still counts (see ImageSyntax.cut). */
  cut(): void;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * A streaming recogniser of markdown images. Pieces of text can split anything (even `![`); multi-MiB data URLs
 * are streamed to the collector. Inline code, fenced code blocks and escaped `\!` hide image-like text; plain links
 * `[x](url)` are not images.
 */
export function createMarkdownImageScanner(
  collector: ImageCollector,
  source: ImageSource = "markdown",
): MarkdownImageScanner {
  const code = createCodeTracker();
  const image = createImageSyntax(collector, source);
  let escaped = false; // the previous text character was a backslash

  function write(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (image.inData) {
        i = image.scanData(text, i);
        continue;
      }
      if (image.active) {
        if (image.char(text[i]!)) i++;
        continue;
      }
      const c = text[i]!;
      if (escaped) {
        // `\!`, `\[`, `\`` are literal; a backslash before anything else is itself literal.
        escaped = false;
        if (ASCII_PUNCTUATION.test(c)) {
          code.noteText(c);
          i++;
        }
        continue;
      }
      // Plain text: code spans and fences first (they can hide image-like text), then escapes and `![`.
      const skipped = code.consume(text, i, write);
      if (skipped !== i) {
        i = skipped;
        continue;
      }
      code.noteText(c);
      if (c === "\\") escaped = true;
      else if (c === "!") image.begin();
      i++;
    }
  }

  return {
    write,
    end() {
      code.end(write);
      image.abort();
      escaped = false;
    },
    cut() {
      code.end(write);
      image.cut();
      escaped = false;
    },
  };
}
