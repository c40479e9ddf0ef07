/** A measurement for a report: fixed digits, "-" when there is none (NaN from an empty run, or a missing CPU reading). */
export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "-";
}
