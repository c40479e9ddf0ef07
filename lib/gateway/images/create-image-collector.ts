import { createBase64Decoder } from "./create-base64-decoder";
import { isWholeImage } from "./is-whole-image";
import type { DataImageSink, ImageExtractorOptions, ImageReference, ImageSource } from "./image-reference";
import { StreamedDataImage } from "./create-streamed-data-url";
import { splitDataUrl } from "./parse-data-url-header";

/** Receives one data image's base64 text piece by piece (markdown images may span many stream chunks). */
export interface DataImageWriter {
  write(base64: string): void;
  /** The image's syntax closed properly: accept it (unless it is a duplicate or empty). */
  finish(): void;
  /** The syntax never closed or was invalid: drop it. */
  abort(): void;
  /** The stream broke before the syntax closed: accept the image if its payload is a whole image, else drop it. */
  cut(): void;
}

export interface ImageCollector {
  readonly images: ImageReference[];
  /** Base64 characters handed to data images so far (to tell image payload from text in a character count). */
  readonly base64Chars: number;
  /**
   * An `image_url.url` value (forms 3 and 4): an http(s) or a base64 image data URL, or a StreamedDataImage (such
   * a URL decoded as it streamed in); anything else is ignored.
   */
  addUrlValue(value: unknown, source: ImageSource): void;
  addHttpUrl(url: string, source: ImageSource): void;
  /** Null once `maxImages` is reached. */
  startData(mime: string, source: ImageSource): DataImageWriter | null;
}

const MAX_URL_LENGTH = 8192;
/** Enough of a payload's head and tail for isWholeImage. */
const EDGE_BYTES = 16;
const HTTP_URL = /^https?:\/\//i;

/** Shared bookkeeping of every extractor: validation, de-duplication, decoding and the data sinks. */
export function createImageCollector(options: ImageExtractorOptions = {}): ImageCollector {
  const maxImages = options.maxImages ?? 100;
  const images: ImageReference[] = [];
  const seenUrls = new Set<string>();
  const seenHashes = new Set<string>();
  let open = 0; // data images started but not yet finished count against maxImages too
  let base64Chars = 0;

  function accept(image: ImageReference): void {
    images.push(image);
    options.onImage?.(image);
  }

  function addHttpUrl(url: string, source: ImageSource): void {
    if (images.length + open >= maxImages || url.length > MAX_URL_LENGTH || !HTTP_URL.test(url)) return;
    const parsed = URL.parse(url);
    if (!parsed) return;
    // The same image is often both shown (markdown) and listed (`images`): it is one image, billed once.
    const href = parsed.href;
    if (seenUrls.has(href)) return;
    seenUrls.add(href);
    accept({ kind: "url", url: href, source });
  }

  function startData(mime: string, source: ImageSource): DataImageWriter | null {
    if (images.length + open >= maxImages) return null;
    open++;
    const sink: DataImageSink | undefined = options.openDataSink?.({ mime, source });
    const kept: Uint8Array[] | undefined = !sink && options.keepData ? [] : undefined;
    // The first and last bytes, for telling a whole payload from a truncated one when the stream breaks.
    let head = new Uint8Array(0);
    let tail = new Uint8Array(0);
    const decoder = createBase64Decoder((bytes) => {
      if (head.length < EDGE_BYTES) head = Buffer.concat([head, bytes.subarray(0, EDGE_BYTES - head.length)]);
      // Copied, so a multi-MiB chunk is not kept alive for its last bytes.
      tail = Buffer.concat([tail, bytes.subarray(-EDGE_BYTES)]).subarray(-EDGE_BYTES);
      if (sink) sink.write(bytes);
      else kept?.push(bytes);
    });
    let settled = false;
    const writer: DataImageWriter = {
      write: (text) => {
        base64Chars += text.length;
        if (!settled) decoder.write(text);
      },
      cut() {
        if (settled) return;
        const { byteLength, sha256 } = decoder.end();
        if (isWholeImage(head, tail, byteLength)) accepted(byteLength, sha256);
        else writer.abort();
      },
      finish() {
        if (settled) return;
        const { byteLength, sha256 } = decoder.end();
        accepted(byteLength, sha256);
      },
      abort() {
        if (settled) return;
        settled = true;
        open--;
        sink?.abort();
      },
    };
    function accepted(byteLength: number, sha256: string): void {
      settled = true;
      open--;
      if (byteLength === 0 || seenHashes.has(sha256)) {
        sink?.abort();
        return;
      }
      seenHashes.add(sha256);
      sink?.close();
      const image: ImageReference = { kind: "data", mime, byteLength, sha256, source };
      if (kept) image.bytes = kept.length === 1 ? kept[0]! : Buffer.concat(kept);
      accept(image);
    }
    return writer;
  }

  /** A data image decoded while it streamed in: what startData, write and finish would have done with it. */
  function addStreamedData(image: StreamedDataImage, source: ImageSource): void {
    if (images.length + open >= maxImages) return;
    base64Chars += image.payloadChars;
    if (image.byteLength === 0 || seenHashes.has(image.sha256)) return;
    seenHashes.add(image.sha256);
    accept({ kind: "data", mime: image.mime, byteLength: image.byteLength, sha256: image.sha256, source });
  }

  function addUrlValue(value: unknown, source: ImageSource): void {
    if (value instanceof StreamedDataImage) return addStreamedData(value, source);
    if (typeof value !== "string") return;
    if (HTTP_URL.test(value)) return addHttpUrl(value, source);
    const parsed = splitDataUrl(value);
    if (!parsed) return;
    const writer = startData(parsed.mime, source);
    if (!writer) return;
    writer.write(value.slice(parsed.payloadStart));
    writer.finish();
  }

  return {
    images,
    get base64Chars() {
      return base64Chars;
    },
    addUrlValue,
    addHttpUrl,
    startData,
  };
}
