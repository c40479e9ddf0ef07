import { createBase64Decoder, type Base64Decoder } from "./create-base64-decoder";
import { MAX_DATA_URL_HEADER, parseDataUrlHeader } from "./parse-data-url-header";

/**
 * A data image URL that was too long to hold as a string (it arrived in a multi-MiB event): decoded and hashed as
 * it streamed in. The collector takes it in place of the URL string, with the same checks and de-duplication.
 */
export class StreamedDataImage {
  constructor(
    readonly mime: string,
    readonly byteLength: number,
    readonly sha256: string,
    /** Characters after the comma (what `base64Chars` counts for a URL held whole). */
    readonly payloadChars: number,
  ) {}
}

/**
 * Takes a JSON string value piece by piece. When it is a base64 image data URL, it ends as a StreamedDataImage;
 * anything else (which the collector would ignore as a URL) ends as null.
 */
export function createStreamedDataUrl(): { write(text: string): void; end(): StreamedDataImage | null } {
  let head = "";
  let mime: string | null | undefined; // undefined: header not seen yet; null: not an image data URL
  let decoder: Base64Decoder | undefined;
  let payloadChars = 0;

  function payload(text: string): void {
    payloadChars += text.length;
    decoder!.write(text);
  }

  return {
    write(text) {
      if (mime === null) return;
      if (mime !== undefined) return payload(text);
      head += text;
      const comma = head.indexOf(",");
      if (comma === -1) {
        if (head.length > MAX_DATA_URL_HEADER) mime = null;
        return;
      }
      const header = comma <= MAX_DATA_URL_HEADER ? parseDataUrlHeader(head.slice(0, comma)) : null;
      mime = header?.mime ?? null;
      if (mime === null) return;
      decoder = createBase64Decoder(() => {});
      const rest = head.slice(comma + 1);
      head = "";
      payload(rest);
    },
    end() {
      if (!mime || !decoder) return null;
      const { byteLength, sha256 } = decoder.end();
      return new StreamedDataImage(mime, byteLength, sha256, payloadChars);
    },
  };
}
