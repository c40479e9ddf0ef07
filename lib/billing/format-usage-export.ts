import { toCsvLine } from "@/lib/usage/to-csv-line";
import { USAGE_EXPORT_FIELDS, type UsageExportRow } from "./export-usage";

export type UsageExportFormat = "csv" | "json";

const FIELD_KEYS = [...USAGE_EXPORT_FIELDS];

/**
 * The export as bytes, one chunk per page of rows: CSV with a header row (CRLF line ends; quoting and formula
 * neutralising in toCsvLine), or ONE JSON array of objects with exactly USAGE_EXPORT_FIELDS as keys, one object per
 * line (a streamed array, not JSON Lines: any JSON parser reads the whole file).
 *
 * Each page becomes one UTF-8 buffer before anything waits for the consumer, so while a slow client reads, the
 * process holds that buffer (outside the JavaScript heap) and no row object or string: those die young, in the
 * young generation, instead of piling up in the old one until a full collection.
 */
export async function* formatUsageExport(pages: AsyncIterable<UsageExportRow[]>, format: UsageExportFormat): AsyncGenerator<Uint8Array> {
  let text = format === "csv" ? toCsvLine(USAGE_EXPORT_FIELDS) : "[";
  let first = true;
  for await (const rows of pages) {
    for (const row of rows) {
      if (format === "csv") {
        text += toCsvLine(USAGE_EXPORT_FIELDS.map((field) => row[field]));
      } else {
        // A key list as the replacer: exactly these keys in this order, with no object built per row.
        text += `${first ? "\n" : ",\n"}${JSON.stringify(row, FIELD_KEYS)}`;
      }
      first = false;
    }
    const chunk = Buffer.from(text, "utf8");
    text = "";
    yield chunk;
  }
  yield Buffer.from(format === "csv" ? text : `${text}${first ? "" : "\n"}]\n`, "utf8");
}
