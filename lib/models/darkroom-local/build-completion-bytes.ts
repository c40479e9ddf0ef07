import { buildCompletion, type CompletionMeta } from "./build-completion";
import type { LocalUsage } from "./types";

const DATA_URL_PREFIX = "data:image/png;base64,";
const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/**
 * The non-stream body as JSON bytes, written once into a buffer of its exact size. Building the object and
 * then JSON.stringify-ing it made every image's base64 three more times over (the joined `content`, the JSON
 * string, its UTF-8 bytes) on the event loop; here each PNG is base64-encoded once, straight into its two places.
 * The bytes parse to exactly what `buildCompletion` returns.
 */
export function buildCompletionBytes(meta: CompletionMeta, replyText: string, pngs: readonly Buffer[], usage: LocalUsage): Buffer {
  // Placeholders the JSON never escapes and no reply text contains (the reply text is ours, not the caller's).
  const tag = `@@darkroom-image-${crypto.randomUUID()}-`;
  const placeholders = pngs.map((_, index) => `${tag}${index}@@`);
  const json = JSON.stringify(buildCompletion(meta, replyText, placeholders, usage));
  // split with a capture group: text, index, text, index, …, text
  const parts = json.split(new RegExp(`${tag}(\\d+)@@`));

  let size = 0;
  parts.forEach((part, i) => {
    size += i % 2 === 0 ? Buffer.byteLength(part) : DATA_URL_PREFIX.length + base64Length(pngs[Number(part)]!.length);
  });
  const out = Buffer.allocUnsafe(size);
  const slots: number[][] = pngs.map(() => []);
  let offset = 0;
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      offset += out.write(part, offset, "utf8");
      return;
    }
    const index = Number(part);
    offset += out.write(DATA_URL_PREFIX, offset, "latin1");
    slots[index]!.push(offset);
    offset += base64Length(pngs[index]!.length);
  });
  pngs.forEach((png, index) => {
    const base64 = png.toString("base64"); // one image's worth, dropped before the next
    for (const at of slots[index]!) out.write(base64, at, "latin1");
  });
  return out;
}
