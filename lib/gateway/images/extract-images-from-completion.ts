import { createImageCollector } from "./create-image-collector";
import { createMarkdownImageScanner } from "./create-markdown-image-scanner";
import type { ImageExtractorOptions, ImageReference } from "./image-reference";
import { isRecord, readImageParts } from "./read-image-parts";

/**
 * Every image in a non-stream `chat.completion` body (already parsed), in all four forms of the spec, across all
 * choices. Duplicates (same URL, or same decoded bytes) are reported once.
 */
export function extractImagesFromCompletion(body: unknown, options: ImageExtractorOptions = {}): ImageReference[] {
  const collector = createImageCollector(options);
  if (!isRecord(body) || !Array.isArray(body.choices)) return collector.images;
  for (const choice of body.choices) {
    if (!isRecord(choice)) continue;
    const newDocument = () => createMarkdownImageScanner(collector);
    const scanner = newDocument();
    readImageParts(choice.message, collector, () => scanner, newDocument);
    scanner.end();
  }
  return collector.images;
}
