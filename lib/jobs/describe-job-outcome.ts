import type { JobView } from "./job-view";

const credits = (n: number) => `${n.toLocaleString("en-US")} credit${n === 1 ? "" : "s"}`;

// The worker's messages are written for logs and support (provider statuses, rejected bytes): a person first
// reads what happened and what it cost, and finds the worker's words one click away.
const CAUSES: readonly [RegExp, string][] = [
  [/refused/i, "The model's provider turned the edit down."],
  [/in time|timed? ?out/i, "The model didn't answer in time."],
  [/failed to answer|could not be reached|could not reach|broke off|empty stream|request failed/i, "The model didn't respond."],
  [/malformed|unexpected body|reported an error/i, "The model sent back something that couldn't be read."],
  [/answered without an image/i, "The model answered without an image."],
  [/image could not be used/i, "The model's image couldn't be used."],
  [/interrupted/i, "The edit was interrupted and stopped."],
  [/no longer exists|not found/i, "One of its images is gone."],
];

/** What a finished edit's tile says: the cost line, and for a failure or cancel a sentence for a person. */
export function describeJobOutcome(job: Pick<JobView, "status" | "credits" | "heldCredits" | "error">): { cost: string | null; headline: string | null } {
  const charged = job.credits ?? 0;
  const finished = job.status === "succeeded" || job.status === "failed" || job.status === "cancelled";
  if (!finished) return { cost: job.heldCredits === null ? null : `Up to ${credits(job.heldCredits)}`, headline: null };
  const cost = charged > 0 ? `Cost: ${credits(charged)}` : "Not charged";
  const paid = charged > 0 ? `You were charged ${credits(charged)} for what it used.` : "You weren't charged.";
  if (job.status === "cancelled") return { cost, headline: `You cancelled this edit. ${paid}` };
  if (job.status === "failed") {
    const cause = CAUSES.find(([pattern]) => pattern.test(job.error ?? ""))?.[1] ?? "The edit didn't work.";
    return { cost, headline: `${cause} ${paid}` };
  }
  return { cost, headline: null };
}
