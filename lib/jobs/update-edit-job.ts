import "server-only";
import { getPool } from "@/lib/db/client";

type Terminal = "succeeded" | "failed" | "cancelled";

/** Finishes a job once: a job that already reached a terminal state is left alone. */
export async function finishJob(jobId: string, status: Terminal, fields: { credits?: number | null; error?: string | null; resultText?: string | null }): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `UPDATE edit_jobs SET status = $2, finished_at = now(), credits = $3, error = $4, result_text = $5, progress_text = NULL
      WHERE id = $1 AND status IN ('queued', 'running')`,
    [jobId, status, fields.credits ?? null, fields.error ?? null, fields.resultText ?? null],
  );
  return (rowCount ?? 0) > 0;
}

export async function setJobProgress(jobId: string, text: string): Promise<void> {
  await getPool().query(`UPDATE edit_jobs SET progress_text = $2 WHERE id = $1 AND status = 'running'`, [jobId, text]);
}
