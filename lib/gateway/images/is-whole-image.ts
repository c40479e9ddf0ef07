const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]); // "IEND" and its fixed CRC

/**
 * Whether the bytes of an image, known only by their first and last few bytes and their length, end where the
 * format says the file ends: PNG's IEND chunk, JPEG's EOI marker, GIF's trailer, WebP's RIFF size. Used for a data
 * image whose markdown `)` never came because the stream broke: its payload was relayed whole, or it was not.
 * (Formats are read from the head, so a lying MIME type in the URL does not matter.)
 */
export function isWholeImage(head: Uint8Array, tail: Uint8Array, byteLength: number): boolean {
  const h = Buffer.from(head.buffer, head.byteOffset, head.length);
  const t = Buffer.from(tail.buffer, tail.byteOffset, tail.length);
  if (h.length >= 8 && h.readUInt32BE(0) === 0x89504e47) return t.length >= 8 && t.subarray(-8).equals(PNG_END);
  if (h.length >= 3 && h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff) return t.length >= 2 && t.at(-2) === 0xff && t.at(-1) === 0xd9;
  if (h.length >= 6 && h.toString("latin1", 0, 4) === "GIF8") return t.at(-1) === 0x3b;
  if (h.length >= 12 && h.toString("latin1", 0, 4) === "RIFF" && h.toString("latin1", 8, 12) === "WEBP") {
    return h.readUInt32LE(4) + 8 === byteLength;
  }
  return false;
}
