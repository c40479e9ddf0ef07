import { describe, expect, it } from "vitest";
import { remainingLimit } from "@/lib/members/remaining-limit";

const membership = (over: Partial<Parameters<typeof remainingLimit>[0]> = {}) => ({
  id: "m",
  role: "member" as const,
  monthlyLimit: 100,
  monthUsed: 30,
  monthHeld: 20,
  month: new Date("2026-12-01T00:00:00.000Z"),
  ...over,
});

describe("remainingLimit", () => {
  const now = new Date("2026-12-15T10:00:00.000Z");
  it("is null without a limit", () => {
    expect(remainingLimit(membership({ monthlyLimit: null }), now)).toBeNull();
  });
  it("counts what was charged and what is held this month", () => {
    expect(remainingLimit(membership(), now)).toEqual({ limit: 100, used: 50, remaining: 50 });
  });
  it("never goes below zero", () => {
    expect(remainingLimit(membership({ monthUsed: 150 }), now)?.remaining).toBe(0);
  });
  it("treats counts of an earlier month as nothing used yet", () => {
    expect(remainingLimit(membership(), new Date("2027-01-01T00:00:01.000Z"))).toEqual({ limit: 100, used: 0, remaining: 100 });
  });
});
