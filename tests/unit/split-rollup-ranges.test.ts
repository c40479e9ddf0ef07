import { describe, expect, it } from "vitest";
import { splitRollupRanges } from "@/lib/usage/split-rollup-ranges";

const d = (iso: string) => new Date(iso);
const iso = (ranges: [Date, Date][]) => ranges.map(([a, b]) => [a.toISOString(), b.toISOString()]);

describe("splitRollupRanges", () => {
  it("reads a calendar month as one monthly row range", () => {
    const r = splitRollupRanges(d("2030-02-01T00:00:00Z"), d("2030-03-01T00:00:00Z"));
    expect({ month: iso(r.month), day: iso(r.day), hour: iso(r.hour) }).toEqual({
      month: [["2030-02-01T00:00:00.000Z", "2030-03-01T00:00:00.000Z"]], day: [], hour: [],
    });
  });

  it("splits a range into edge hours, edge days and whole months, covering it exactly once", () => {
    const r = splitRollupRanges(d("2030-01-30T05:00:00Z"), d("2030-04-02T07:00:00Z"));
    expect(iso(r.hour)).toEqual([["2030-01-30T05:00:00.000Z", "2030-01-31T00:00:00.000Z"], ["2030-04-02T00:00:00.000Z", "2030-04-02T07:00:00.000Z"]]);
    expect(iso(r.day)).toEqual([["2030-01-31T00:00:00.000Z", "2030-02-01T00:00:00.000Z"], ["2030-04-01T00:00:00.000Z", "2030-04-02T00:00:00.000Z"]]);
    expect(iso(r.month)).toEqual([["2030-02-01T00:00:00.000Z", "2030-04-01T00:00:00.000Z"]]);
    const covered = [...r.hour, ...r.day, ...r.month].reduce((sum, [a, b]) => sum + (b.getTime() - a.getTime()), 0);
    expect(covered).toBe(d("2030-04-02T07:00:00Z").getTime() - d("2030-01-30T05:00:00Z").getTime());
  });

  it("uses days and hours when no whole month fits, hours when no whole day fits", () => {
    const days = splitRollupRanges(d("2030-01-30T00:00:00Z"), d("2030-02-03T00:00:00Z"));
    expect({ month: iso(days.month), day: iso(days.day), hour: iso(days.hour) }).toEqual({
      month: [], day: [["2030-01-30T00:00:00.000Z", "2030-02-03T00:00:00.000Z"]], hour: [],
    });
    const hours = splitRollupRanges(d("2030-01-30T22:00:00Z"), d("2030-01-31T03:00:00Z"));
    expect(iso(hours.hour)).toEqual([["2030-01-30T22:00:00.000Z", "2030-01-31T03:00:00.000Z"]]);
    expect(splitRollupRanges(d("2030-01-30T22:00:00Z"), d("2030-01-30T22:00:00Z"))).toEqual({ month: [], day: [], hour: [] });
    expect(() => splitRollupRanges(d("2030-01-30T22:30:00Z"), d("2030-01-31T00:00:00Z"))).toThrow(/whole UTC hours/);
  });
});
