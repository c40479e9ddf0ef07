// `data:image/png;base64` (the part before the comma). Bounded input, anchored pattern: no backtracking blow-up.
const DATA_URL_HEADER = /^data:(image\/[a-z0-9][a-z0-9.+-]{0,63})((?:;[a-z0-9._-]{1,32}=[^;,]{0,128})*);base64$/i;

/** The longest header worth looking at; anything longer is not an image data URL we accept. */
export const MAX_DATA_URL_HEADER = 256;

/** Returns the image MIME type of a base64 image data URL header, or null when it is not one. */
export function parseDataUrlHeader(header: string): { mime: string } | null {
  if (header.length > MAX_DATA_URL_HEADER) return null;
  const match = DATA_URL_HEADER.exec(header);
  return match ? { mime: match[1]!.toLowerCase() } : null;
}

/** Whole-string form, for callers that hold a complete data URL: header and the offset where base64 starts. */
export function splitDataUrl(url: string): { mime: string; payloadStart: number } | null {
  const comma = url.indexOf(",", 0);
  if (comma === -1 || comma > MAX_DATA_URL_HEADER) return null;
  const header = parseDataUrlHeader(url.slice(0, comma));
  return header ? { mime: header.mime, payloadStart: comma + 1 } : null;
}
