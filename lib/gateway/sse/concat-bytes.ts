/** Joins byte chunks into one array with a single copy (the total length is known up front). */
export function concatBytes(parts: readonly Uint8Array[], totalLength?: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = totalLength ?? 0;
  if (totalLength === undefined) for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
