// Hand-written rather than a CSV package: RFC 4180 quoting is three lines, and the export streams line by line.
/**
 * One CSV line (CRLF): a field with a comma, quote or line break is quoted, its quotes doubled; null is empty.
 * Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return, OWASP's
 * list) gets a leading apostrophe, so opening an export never executes what a caller typed; numbers and dates are
 * written as they are (a negative number stays a number).
 */
export function toCsvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
