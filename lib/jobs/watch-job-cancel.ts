import "server-only";
import { getPool } from "@/lib/db/client";
import { subscribe } from "@/lib/db/notifications";
import { JOB_CANCEL_CHANNEL } from "./cancel-edit-job";

/**
 * Aborts `controller` when someone cancels the job: woken by NOTIFY from whichever instance took the cancel,
 * with a slow poll of the job row as a backstop. Returns a function that stops watching.
 */
export function watchJobCancel(jobId: string, controller: AbortController, pollMs = 3000): () => void {
  const unsubscribe = subscribe(JOB_CANCEL_CHANNEL, (payload) => {
    if (payload === jobId) controller.abort(new Error("cancelled"));
  });
  const timer = setInterval(() => {
    getPool()
      .query<{ cancel_requested: boolean }>(`SELECT cancel_requested FROM edit_jobs WHERE id = $1`, [jobId])
      .then(({ rows }) => rows[0]?.cancel_requested && controller.abort(new Error("cancelled")))
      .catch(() => {});
  }, pollMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
