import { USAGE_EXPORT_FIELDS, type UsageExportRow } from "./export-usage";

export type UsageExportFormat = "csv" | "json";

const CHUNK_CHARS = 64 * 1024;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; null is an empty field. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/**
 * The export as text chunks (about 64 KiB each), for a stream: CSV with a header row (CRLF line ends), or ONE
 * JSON array of objects with exactly USAGE_EXPORT_FIELDS as keys.
 */
export async function* formatUsageExport(rows: AsyncIterable<UsageExportRow>, format: UsageExportFormat): AsyncGenerator<string> {
  let buffer = format === "csv" ? csvLine(USAGE_EXPORT_FIELDS) : "[";
  let first = true;
  for await (const row of rows) {
    if (format === "csv") {
      buffer += csvLine(USAGE_EXPORT_FIELDS.map((field) => row[field]));
    } else {
      const ordered = Object.fromEntries(USAGE_EXPORT_FIELDS.map((field) => [field, row[field]]));
      buffer += `${first ? "\n" : ",\n"}${JSON.stringify(ordered)}`;
    }
    first = false;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = "";
    }
  }
  yield format === "csv" ? buffer : `${buffer}${first ? "" : "\n"}]\n`;
}
