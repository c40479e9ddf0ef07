import { toCsvLine } from "@/lib/usage/to-csv-line";
import type { UsageExportFormat, UsageExportPage } from "./export-usage";
import { USAGE_EXPORT_FIELDS } from "./usage-export-fields";

export type { UsageExportFormat } from "./export-usage";

/**
 * The export as bytes, one chunk per page: CSV with a header row (CRLF line ends; the lines themselves are written
 * by the database, with toCsvLine's quoting and formula rules), or ONE JSON array of objects with exactly
 * USAGE_EXPORT_FIELDS as keys, one object per line (a streamed array, not JSON Lines: any JSON parser reads the
 * whole file). Each page's text becomes one buffer before anything waits for the consumer, so while a slow client
 * reads, the process holds that buffer (outside the JavaScript heap), not strings.
 */
export async function* formatUsageExport(pages: AsyncIterable<UsageExportPage>, format: UsageExportFormat): AsyncGenerator<Uint8Array> {
  let first = true;
  for await (const page of pages) {
    const head = !first ? (format === "csv" ? "" : ",\n") : format === "csv" ? toCsvLine(USAGE_EXPORT_FIELDS) : "[\n";
    first = false;
    yield Buffer.from(head + page.text, "utf8");
  }
  if (format === "csv") {
    if (first) yield Buffer.from(toCsvLine(USAGE_EXPORT_FIELDS), "utf8");
  } else {
    yield Buffer.from(first ? "[]\n" : "\n]\n", "utf8");
  }
}
