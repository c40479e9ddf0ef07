// Hand-written rather than a CSV package: RFC 4180 quoting is three lines, and the export streams line by line.
/** One CSV line (CRLF): a field with a comma, quote or line break is quoted, its quotes doubled; null is empty. */
export function toCsvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
