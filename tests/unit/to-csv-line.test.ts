import { describe, expect, it } from "vitest";
import { toCsvLine } from "@/lib/usage/to-csv-line";

describe("toCsvLine", () => {
  it("puts a ' before text a spreadsheet would run as a formula", () => {
    const cells = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tlead", "\rlead", "plain", "a=b", "mid-dash"];
    expect(toCsvLine(cells)).toBe(
      `"'=HYPERLINK(""http://x"")",'+1+1,'-2+3,'@SUM(A1),'\tlead,"'\rlead",plain,a=b,mid-dash\r\n`,
    );
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(toCsvLine(['a,b', 'say "hi"', "two\nlines", "cr\rhere", "crlf\r\nhere"])).toBe(
      `"a,b","say ""hi""","two\nlines","cr\rhere","crlf\r\nhere"\r\n`,
    );
  });

  it("writes numbers, dates and empty values as data, never with a quote mark", () => {
    expect(toCsvLine([-5, 0, 12, null, undefined, new Date("2030-01-02T03:04:05.006Z"), 10n])).toBe(
      "-5,0,12,,,2030-01-02T03:04:05.006Z,10\r\n",
    );
  });

  it("guards a formula that also needs quoting", () => {
    expect(toCsvLine(['=1,"2"'])).toBe(`"'=1,""2"""\r\n`);
  });
});
