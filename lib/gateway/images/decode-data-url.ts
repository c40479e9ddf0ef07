import { splitDataUrl } from "./parse-data-url-header";

/** Decodes a complete base64 image data URL held as one string; null when it is not one. */
export function decodeDataUrl(url: string): { mime: string; bytes: Uint8Array } | null {
  const parsed = splitDataUrl(url);
  if (!parsed) return null;
  return { mime: parsed.mime, bytes: Buffer.from(url.slice(parsed.payloadStart), "base64") };
}
