// What the studio knows about an edit job, and how each event of its stream changes it. Pure and browser-safe:
// the server renders the first state (lib/jobs/list-recent-jobs), the browser folds in the events.

export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export type JobProgress = { text: string; percent: number | null };

export type JobView = {
  id: string;
  model: string;
  prompt: string;
  status: JobStatus;
  /** ISO 8601, server time. */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: JobProgress | null;
  inputIds: string[];
  outputIds: string[];
  /** What admission held for the edit. */
  heldCredits: number | null;
  /** What it was charged, once finished. */
  credits: number | null;
  error: string | null;
  /** The model's words when it answered without an image. */
  resultText: string | null;
  /** The last event already folded in; the event stream resumes after it. */
  lastEventId: string;
  /** The signed-in person's own edit. */
  mine: boolean;
  /** Variations asked for. */
  n: number;
};

/** One event of GET /api/jobs/<id>/events: `id` is the SSE id, the rest its JSON data. */
export type JobEvent = { id: string; type: string; data: Record<string, unknown>; at: string };

const TERMINAL: ReadonlySet<JobStatus> = new Set(["succeeded", "failed", "cancelled"]);

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL.has(status);
}

const numberOr = (value: unknown, fallback: number | null) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);
const stringOr = (value: unknown, fallback: string | null) => (typeof value === "string" ? value : fallback);
const ids = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

function isAfter(eventId: string, lastEventId: string): boolean {
  try {
    return BigInt(eventId) > BigInt(lastEventId || "0");
  } catch {
    return true;
  }
}

/**
 * The job after `event`. Replayed events (id not after `lastEventId`) and anything after a terminal state
 * change nothing, so a reconnect that replays history is harmless.
 */
export function applyJobEvent(job: JobView, event: JobEvent): JobView {
  if (!isAfter(event.id, job.lastEventId) || isTerminal(job.status)) return job;
  const next: JobView = { ...job, lastEventId: event.id };
  const { data } = event;
  switch (event.type) {
    case "queued":
      return { ...next, heldCredits: numberOr(data.credits, job.heldCredits) };
    case "started":
      return { ...next, status: "running", startedAt: job.startedAt ?? event.at };
    case "progress": {
      const text = stringOr(data.text, "") ?? "";
      const percent = numberOr(data.percent, null);
      return { ...next, status: "running", startedAt: job.startedAt ?? event.at, progress: { text, percent: percent === null ? null : Math.min(100, Math.max(0, percent)) } };
    }
    case "output": {
      const assetId = stringOr(data.assetId, null);
      return assetId && !job.outputIds.includes(assetId) ? { ...next, outputIds: [...job.outputIds, assetId] } : next;
    }
    case "succeeded":
      return {
        ...next,
        status: "succeeded",
        finishedAt: event.at,
        progress: null,
        credits: numberOr(data.credits, null),
        outputIds: [...new Set([...job.outputIds, ...ids(data.assetIds)])],
      };
    case "failed":
      return {
        ...next,
        status: "failed",
        finishedAt: event.at,
        progress: null,
        credits: numberOr(data.credits, null),
        error: stringOr(data.message, "The edit failed."),
        resultText: stringOr(data.text, null),
        // Images that arrived before the edit broke off are kept (their own `output` events came first).
        outputIds: [...new Set([...job.outputIds, ...ids(data.assetIds)])],
      };
    case "cancelled":
      return { ...next, status: "cancelled", finishedAt: event.at, progress: null, credits: numberOr(data.credits, 0) };
    default:
      return next;
  }
}
