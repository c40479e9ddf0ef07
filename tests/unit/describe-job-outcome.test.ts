import { describe, expect, it } from "vitest";
import { describeJobOutcome } from "@/lib/jobs/describe-job-outcome";

const job = { heldCredits: 26, credits: null, error: null } as const;

describe("describeJobOutcome", () => {
  it("says what an edit may cost while it runs, then what it cost", () => {
    expect(describeJobOutcome({ ...job, status: "running" })).toEqual({ cost: "Up to 26 credits", headline: null });
    expect(describeJobOutcome({ ...job, status: "succeeded", credits: 12 })).toEqual({ cost: "Cost: 12 credits", headline: null });
    expect(describeJobOutcome({ ...job, status: "succeeded", credits: 1 }).cost).toBe("Cost: 1 credit");
  });

  it("says a failure in plain words, with whether the person paid", () => {
    expect(describeJobOutcome({ ...job, status: "failed", credits: 0, error: "The upstream provider failed to answer (HTTP 500)." })).toEqual({
      cost: "Not charged",
      headline: "The model didn't respond. You weren't charged.",
    });
    expect(describeJobOutcome({ ...job, status: "failed", credits: 3, error: "The model answered without an image." }).headline).toBe(
      "The model answered without an image. You were charged 3 credits for what it used.",
    );
    expect(describeJobOutcome({ ...job, status: "failed", credits: 0, error: "something odd" }).headline).toBe("The edit didn't work. You weren't charged.");
  });

  it("a cancelled edit is not money still locked", () => {
    expect(describeJobOutcome({ ...job, status: "cancelled", credits: 0 })).toEqual({ cost: "Not charged", headline: "You cancelled this edit. You weren't charged." });
  });
});
