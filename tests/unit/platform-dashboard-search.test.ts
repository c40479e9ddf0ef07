import { describe, expect, it } from "vitest";
import { bucketBounds, bucketStart, recordsHref, seriesFilter } from "@/components/admin/usage/drill-down";
import { bucketsForDays, dashboardHref, dashboardSearchSchema, recordsSearchSchema } from "@/lib/platform-usage/dashboard-search";

describe("the dashboard's search parameters", () => {
  it("fall back to defaults for values that don't parse", () => {
    const s = dashboardSearchSchema.parse({ range: "forever", bucket: "minute", by: "planet", tz: "Mars/Olympus", metric: "vibes", workspace: "Not A Slug!", source: "fax", status: "lost", from: "2026-02-30" });
    expect(s).toEqual({ range: "30d", from: undefined, to: undefined, bucket: "day", tz: "UTC", by: "workspace", metric: "credits", workspace: undefined, model: undefined, source: undefined, status: undefined });
  });

  it("take custom dates only as a forward range of at most 366 days, and only without a preset", () => {
    expect(dashboardSearchSchema.parse({ from: "2026-03-10", to: "2026-03-12" })).toMatchObject({ range: undefined, from: "2026-03-10", to: "2026-03-12", bucket: "day" });
    expect(dashboardSearchSchema.parse({ range: "custom", from: "2026-03-10", to: "2026-03-10" })).toMatchObject({ from: "2026-03-10", bucket: "hour" });
    expect(dashboardSearchSchema.parse({ from: "2026-03-12", to: "2026-03-10" })).toMatchObject({ range: "30d", from: undefined });
    expect(dashboardSearchSchema.parse({ from: "2025-01-01", to: "2026-01-02" })).toMatchObject({ range: "30d", from: undefined });
    expect(dashboardSearchSchema.parse({ range: "7d", from: "2026-03-10", to: "2026-03-12" })).toMatchObject({ range: "7d", from: undefined, to: undefined });
  });

  it("offer only buckets that make a readable chart for the range", () => {
    expect(bucketsForDays(1)).toEqual(["hour"]);
    expect(bucketsForDays(7)).toEqual(["hour", "day"]);
    expect(bucketsForDays(30)).toEqual(["day", "month"]);
    expect(bucketsForDays(365)).toEqual(["month"]);
    expect(dashboardSearchSchema.parse({ range: "12m", bucket: "hour" }).bucket).toBe("month");
    expect(dashboardSearchSchema.parse({ range: "24h", bucket: "day" }).bucket).toBe("hour");
  });

  it("name a workspace by id or slug, and keep a zone the runtime knows", () => {
    expect(dashboardSearchSchema.parse({ workspace: "ACME-Team" }).workspace).toBe("acme-team");
    expect(dashboardSearchSchema.parse({ workspace: "0190A0B0-0000-7000-8000-000000000001" }).workspace).toBe("0190a0b0-0000-7000-8000-000000000001");
    expect(dashboardSearchSchema.parse({ tz: "America/New_York" }).tz).toBe("America/New_York");
  });

  it("round-trip through the dashboard's address", () => {
    const s = dashboardSearchSchema.parse({ from: "2026-03-10", to: "2026-03-12", tz: "Asia/Tokyo", by: "model", model: "gpt-x" });
    const again = dashboardSearchSchema.parse(Object.fromEntries(new URL(dashboardHref(s), "http://x").searchParams));
    expect(again).toEqual(s);
  });
});

describe("the drill-down's slice", () => {
  const nyRange = { from: "2026-03-10T04:00:00.000Z", to: "2026-03-13T04:00:00.000Z", tz: "America/New_York", buckets: ["2026-03-10", "2026-03-11", "2026-03-12"] };

  it("turns a local bucket start into its instant, moved up to a whole UTC hour", () => {
    expect(new Date(bucketStart("2026-03-10", "America/New_York")).toISOString()).toBe("2026-03-10T04:00:00.000Z");
    expect(new Date(bucketStart("2026-03-10T13:00", "America/New_York")).toISOString()).toBe("2026-03-10T17:00:00.000Z");
    // Across the spring-forward night, a New York day is 23 hours.
    expect(bucketStart("2026-03-09", "America/New_York") - bucketStart("2026-03-08", "America/New_York")).toBe(23 * 3_600_000);
    // Kolkata is UTC+5:30: local midnight is 18:30 UTC the day before; the rollups' bucket starts at 19:00.
    expect(new Date(bucketStart("2026-03-10", "Asia/Kolkata")).toISOString()).toBe("2026-03-09T19:00:00.000Z");
  });

  it("runs from a bucket's start to the next one's, the last to the range's end", () => {
    expect(bucketBounds(nyRange, 0)).toEqual({ from: new Date("2026-03-10T04:00:00.000Z"), to: new Date("2026-03-11T04:00:00.000Z") });
    expect(bucketBounds(nyRange, 2)).toEqual({ from: new Date("2026-03-12T04:00:00.000Z"), to: new Date("2026-03-13T04:00:00.000Z") });
    // A preset's first bucket may start before the range (a month bucket of "the last 12 months"): clamped.
    const months = { from: "2026-01-01T05:00:00.000Z", to: "2026-03-01T05:00:00.000Z", tz: "America/New_York", buckets: ["2026-01-01", "2026-02-01"] };
    expect(bucketBounds({ ...months, from: "2026-01-15T05:00:00.000Z" }, 0).from).toEqual(new Date("2026-01-15T05:00:00.000Z"));
  });

  it("names a series by the records filter that selects it (studio calls: no key; Other: none of the top series)", () => {
    expect(seriesFilter("member", "u1")).toEqual({ user: "u1" });
    expect(seriesFilter("key", "00000000-0000-0000-0000-000000000000")).toEqual({ key: "none" });
    expect(seriesFilter("status", "failed")).toEqual({ status: "failed" });
    expect(seriesFilter("model", "other", ["m1", "m2", "other"])).toEqual({ other: "model", not: ["m1", "m2"] });
    expect(seriesFilter("member", "other", ["u1"])).toEqual({ other: "user", not: ["u1"] });
    // Without the top series (or more than a dashboard shows) no list can be named: no link rather than a wrong one.
    expect(seriesFilter("model", "other")).toBeNull();
    expect(seriesFilter("model", "other", ["a", "b", "c", "d", "e", "f"])).toBeNull();
  });

  it("reads an Other link back as the exclusion it names, studio calls as none", () => {
    const k1 = "0190b2c4-1111-7000-8000-000000000001";
    const filter = seriesFilter("key", "other", [k1, "00000000-0000-0000-0000-000000000000"])!;
    const href = recordsHref({ filters: {}, back: "" }, { from: new Date("2026-03-10T04:00:00Z"), to: new Date("2026-03-11T04:00:00Z") }, "UTC", filter);
    const q = new URL(href, "http://x").searchParams;
    expect(q.getAll("not")).toEqual([k1, "none"]);
    const parsed = recordsSearchSchema.parse({ ...Object.fromEntries(q), not: q.getAll("not") });
    expect(parsed.except).toEqual({ by: "key", values: [k1, "none"] });
    expect(parsed.exceptError).toBeNull();
    // One value arrives as a string, not a list.
    expect(recordsSearchSchema.parse({ other: "model", not: "m1" }).except).toEqual({ by: "model", values: ["m1"] });
    expect(recordsSearchSchema.parse({ other: "model", not: "m 1; drop" }).exceptError).toMatch(/not valid/);
    expect(recordsSearchSchema.parse({}).except).toBeUndefined();
  });

  it("links with the dashboard's filters, the series' winning, and the way back", () => {
    const href = recordsHref({ filters: { model: "m", source: "api" }, back: "range=7d" }, { from: new Date("2026-03-10T04:00:00Z"), to: new Date("2026-03-11T04:00:00Z") }, "UTC", { source: "studio" });
    const q = new URL(href, "http://x").searchParams;
    expect(Object.fromEntries(q)).toEqual({ from: "2026-03-10T04:00:00.000Z", to: "2026-03-11T04:00:00.000Z", tz: "UTC", model: "m", source: "studio", back: "range=7d" });
    const parsed = recordsSearchSchema.parse(Object.fromEntries(q));
    expect(parsed).toMatchObject({ from: new Date("2026-03-10T04:00:00Z"), to: new Date("2026-03-11T04:00:00Z"), model: "m", source: "studio", defaulted: false });
  });

  it("lists the last 24 hours when the link names no valid slice", () => {
    const parsed = recordsSearchSchema.parse({ from: "yesterday", to: "2026-03-11T00:00:00Z", cursor: "garbage", key: "not-a-key" });
    expect(parsed.defaulted).toBe(true);
    expect(parsed.to.getTime() - parsed.from.getTime()).toBe(86_400_000);
    expect(parsed.cursor).toBeUndefined();
    expect(parsed.key).toBeUndefined();
  });
});
