import type { ImageCollector } from "./create-image-collector";
import { StreamedDataImage } from "./create-streamed-data-url";
import type { MarkdownImageScanner } from "./create-markdown-image-scanner";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The URL of an image entry: `{ image_url: { url } }`, or the looser `{ image_url: "..." }` / `{ url }`. */
export function imageUrlOf(entry: unknown): unknown {
  if (!isRecord(entry)) return undefined;
  const imageUrl = entry.image_url;
  if (imageUrl instanceof StreamedDataImage) return imageUrl; // the string form, decoded as it streamed in
  if (isRecord(imageUrl)) return imageUrl.url;
  if (typeof imageUrl === "string") return imageUrl;
  return entry.type === "image_url" ? entry.url : undefined;
}

/**
 * Reads one message or delta: `content` as text (markdown, forms 1–2) or as parts (form 4), and an `images` array
 * (form 3). `markdown` is the scanner for this choice's text (one per choice, since stream pieces of a choice
 * continue each other); each text part of a parts array is its own document. Returns the number of text characters,
 * not counting base64 payloads of markdown data images (a 4 MiB image is not 4 M characters of generated text).
 */
/** Feeds markdown text and returns how many of its characters were text rather than inline base64 payload. */
function scanText(scanner: MarkdownImageScanner, collector: ImageCollector, text: string): number {
  const before = collector.base64Chars;
  scanner.write(text);
  return text.length - (collector.base64Chars - before);
}

export function readImageParts(
  message: unknown,
  collector: ImageCollector,
  markdown: () => MarkdownImageScanner,
  newDocument: () => MarkdownImageScanner,
): number {
  if (!isRecord(message)) return 0;
  let textChars = 0;
  const content = message.content;
  if (typeof content === "string") {
    if (content.length > 0) textChars += scanText(markdown(), collector, content);
  } else if (Array.isArray(content)) {
    for (const part of content) {
      if (!isRecord(part)) continue;
      if (part.type === "text" && typeof part.text === "string") {
        const doc = newDocument();
        textChars += scanText(doc, collector, part.text);
        doc.end();
      } else if (part.type === "image_url") {
        collector.addUrlValue(imageUrlOf(part), "content_part");
      }
    }
  }
  if (Array.isArray(message.images)) {
    for (const entry of message.images) collector.addUrlValue(imageUrlOf(entry), "images");
  }
  return textChars;
}

export { isRecord };
