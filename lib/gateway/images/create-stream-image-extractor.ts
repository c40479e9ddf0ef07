import { createImageCollector } from "./create-image-collector";
import { createMarkdownImageScanner, type MarkdownImageScanner } from "./create-markdown-image-scanner";
import type { ImageExtractorOptions, ImageReference } from "./image-reference";
import { readImageParts } from "./read-image-parts";

export interface StreamImageExtractor {
  readonly images: readonly ImageReference[];
  /**
   * One `choices[i].delta` of a `chat.completion.chunk`. Text deltas of the same choice continue each other, so a
   * markdown image (even a multi-MiB data URL) may be split across any number of chunks. Returns the number of
   * text characters in the delta, base64 image payloads excluded (for estimating completion tokens when
   * usage is missing).
   */
  pushDelta(choiceIndex: number, delta: unknown): number;
  /** The stream is over: images whose syntax never closed are dropped. */
  end(): void;
  /** The stream broke off: an image whose URL or whole payload was relayed counts even without its `)`. */
  cut(): void;
}

/** Image recognition over a streamed completion, without holding the text or the payloads. */
export function createStreamImageExtractor(options: ImageExtractorOptions = {}): StreamImageExtractor {
  const collector = createImageCollector(options);
  const scanners = new Map<number, MarkdownImageScanner>();

  function scannerFor(index: number): MarkdownImageScanner {
    let scanner = scanners.get(index);
    if (!scanner) {
      scanner = createMarkdownImageScanner(collector);
      scanners.set(index, scanner);
    }
    return scanner;
  }

  return {
    images: collector.images,
    pushDelta(choiceIndex, delta) {
      return readImageParts(
        delta,
        collector,
        () => scannerFor(choiceIndex),
        () => createMarkdownImageScanner(collector),
      );
    },
    end() {
      for (const scanner of scanners.values()) scanner.end();
      scanners.clear();
    },
    cut() {
      for (const scanner of scanners.values()) scanner.cut();
      scanners.clear();
    },
  };
}
