import "server-only";
import { getPool } from "@/lib/db/client";
import { subscribe } from "@/lib/db/notifications";
import { closeFinishedJobEvents } from "./close-finished-job-events";
import { JOB_EVENTS_CHANNEL } from "./publish-job-event";

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);
const encoder = new TextEncoder();

type EventRow = { id: string; type: string; data: unknown; created_at: Date };

async function eventsAfter(jobId: string, afterId: string): Promise<EventRow[]> {
  const { rows } = await getPool().query<EventRow>(
    `SELECT id::text, type, data, created_at FROM job_events WHERE job_id = $1 AND id > $2::bigint ORDER BY id LIMIT 500`,
    [jobId, afterId],
  );
  return rows;
}

/**
 * A job's events as SSE: first everything after `lastEventId` (so a reload or reconnect resumes where it left
 * off), then new events as any instance publishes them (NOTIFY wakes us; a slow poll covers a missed wake-up).
 * Ends after the job's terminal event (a job that finished without one gets it: closeFinishedJobEvents). Each
 * event carries its id for the browser's Last-Event-ID. `onEnd` runs once when the stream is over, however.
 */
export function streamJobEvents(
  jobId: string,
  lastEventId: string,
  signal: AbortSignal,
  onEnd: () => void = () => {},
): ReadableStream<Uint8Array> {
  let cursor = /^\d+$/.test(lastEventId) ? lastEventId : "0";
  let wake: (() => void) | null = null;
  const unsubscribeNotify = subscribe(JOB_EVENTS_CHANNEL, (payload) => {
    if (payload === jobId) wake?.();
  });
  let ended = false;
  const unsubscribe = () => {
    if (ended) return;
    ended = true;
    unsubscribeNotify();
    signal.removeEventListener("abort", onAbort);
    onEnd();
  };
  const onAbort = () => {
    unsubscribe();
    wake?.();
  };
  signal.addEventListener("abort", onAbort, { once: true });
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode("retry: 1000\n\n"));
      try {
        while (!signal.aborted && !ended) {
          const rows = await eventsAfter(jobId, cursor);
          for (const row of rows) {
            cursor = row.id;
            const payload = JSON.stringify({ type: row.type, data: row.data, at: row.created_at });
            controller.enqueue(encoder.encode(`id: ${row.id}\nevent: ${row.type}\ndata: ${payload}\n\n`));
            if (TERMINAL.has(row.type)) {
              controller.close();
              return;
            }
          }
          if (rows.length === 0) {
            if (await closeFinishedJobEvents(jobId)) continue;
            controller.enqueue(encoder.encode(": keep-alive\n\n"));
            await sleep(15_000);
          }
        }
        if (!ended) controller.close();
      } catch (error) {
        if (!ended) controller.error(error);
      } finally {
        unsubscribe();
      }
    },
    cancel() {
      unsubscribe();
      wake?.();
    },
  });
}
