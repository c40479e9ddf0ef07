// Hand-written rather than a CSV package: RFC 4180 quoting is three lines, and the export streams line by line.
/**
 * One CSV line (CRLF): a field with a comma, quote or line break is quoted, its quotes doubled; null is empty.
 * Text that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading ' so it is shown, never run: member and key names are typed by people (OWASP "CSV injection").
 * Numbers and dates are written as they are: a negative credit count is data, not a formula.
 * The billing export writes the same rules in SQL (lib/billing/usage-export-page-sql.ts): change both.
 */
export function toCsvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text =
    value instanceof Date ? value.toISOString()
    : typeof value === "string" && FORMULA_START.test(value) ? `'${value}`
    : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
