import { describe, expect, it } from "vitest";
import { applyJobEvent, type JobEvent, type JobView } from "@/lib/jobs/job-view";

const queued: JobView = {
  id: "j1",
  model: "darkroom-local",
  prompt: "make it grayscale",
  status: "queued",
  createdAt: "2026-01-01T00:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  progress: null,
  inputIds: ["a"],
  outputIds: [],
  heldCredits: null,
  credits: null,
  error: null,
  resultText: null,
  lastEventId: "0",
  mine: true,
  n: 1,
};

let at = 0;
const event = (id: number, type: string, data: Record<string, unknown> = {}): JobEvent => ({ id: String(id), type, data, at: new Date(Date.UTC(2026, 0, 1, 0, 0, ++at)).toISOString() });
const fold = (events: JobEvent[], from = queued) => events.reduce(applyJobEvent, from);

describe("applyJobEvent", () => {
  it("follows an edit from queued to its results", () => {
    const running = fold([event(1, "queued", { credits: 2 }), event(2, "started"), event(3, "progress", { text: "progress 34%", percent: 34 })]);
    expect(running).toMatchObject({ status: "running", heldCredits: 2, progress: { text: "progress 34%", percent: 34 }, lastEventId: "3" });
    expect(running.startedAt).not.toBeNull();

    const done = fold([event(4, "output", { assetId: "r1" }), event(5, "output", { assetId: "r1" }), event(6, "succeeded", { credits: 1, assetIds: ["r1", "r2"] })], running);
    expect(done).toMatchObject({ status: "succeeded", credits: 1, heldCredits: 2, outputIds: ["r1", "r2"], progress: null, lastEventId: "6" });
    expect(done.finishedAt).not.toBeNull();
  });

  it("ignores replayed events and anything after the end", () => {
    const done = fold([event(1, "started"), event(2, "failed", { message: "The model answered without an image.", credits: 1, text: "I can't" })]);
    expect(done).toMatchObject({ status: "failed", error: "The model answered without an image.", resultText: "I can't", credits: 1 });
    expect(applyJobEvent(done, event(1, "started"))).toBe(done);
    expect(applyJobEvent(done, event(3, "progress", { text: "late", percent: 50 }))).toBe(done);
    expect(applyJobEvent(queued, event(0, "started"))).toBe(queued);
  });

  it("a failed edit keeps the images that arrived before it broke off, with what it was charged", () => {
    const failed = fold([event(1, "started"), event(2, "failed", { message: "The edit stopped early: … The image that arrived before that is kept.", credits: 3, assetIds: ["r1"] })]);
    expect(failed).toMatchObject({ status: "failed", outputIds: ["r1"], credits: 3 });
    expect(fold([event(3, "failed", { message: "x", credits: 3, assetIds: ["r1"] })], fold([event(1, "output", { assetId: "r1" })])).outputIds).toEqual(["r1"]);
  });

  it("shows a cancelled edit with what it was charged, and keeps progress in range", () => {
    expect(fold([event(1, "progress", { text: "x", percent: 250 })]).progress).toEqual({ text: "x", percent: 100 });
    expect(fold([event(1, "cancelled", {})])).toMatchObject({ status: "cancelled", credits: 0 });
    expect(fold([event(1, "cancelled", { credits: 3 })])).toMatchObject({ status: "cancelled", credits: 3 });
  });
});
