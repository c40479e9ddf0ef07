import { toCsvLine } from "@/lib/usage/to-csv-line";
import { USAGE_EXPORT_FIELDS, type UsageExportRow } from "./export-usage";

export type UsageExportFormat = "csv" | "json";

const CHUNK_CHARS = 64 * 1024;
const FIELD_KEYS = [...USAGE_EXPORT_FIELDS];

/**
 * The export as text chunks (about 64 KiB each), for a stream: CSV with a header row (CRLF line ends; quoting and
 * formula neutralising in toCsvLine), or ONE JSON array of objects with exactly USAGE_EXPORT_FIELDS as keys, one
 * object per line (a streamed array, not JSON Lines: any JSON parser reads the whole file).
 */
export async function* formatUsageExport(rows: AsyncIterable<UsageExportRow>, format: UsageExportFormat): AsyncGenerator<string> {
  let buffer = format === "csv" ? toCsvLine(USAGE_EXPORT_FIELDS) : "[";
  let first = true;
  for await (const row of rows) {
    if (format === "csv") {
      buffer += toCsvLine(USAGE_EXPORT_FIELDS.map((field) => row[field]));
    } else {
      // A key list as the replacer: exactly these keys in this order, with no object built per row.
      buffer += `${first ? "\n" : ",\n"}${JSON.stringify(row, FIELD_KEYS)}`;
    }
    first = false;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = "";
    }
  }
  yield format === "csv" ? buffer : `${buffer}${first ? "" : "\n"}]\n`;
}
