import type { JobProgress as Progress, JobStatus } from "@/lib/jobs/job-view";

/** The model's progress line as it streams, with a bar: determinate when a percent is known. */
export function JobProgress({ status, progress }: { status: JobStatus; progress: Progress | null }) {
  const text = progress?.text || (status === "queued" ? "Waiting for a free worker…" : "Starting the model…");
  const percent = progress?.percent ?? null;
  return (
    <div className="grid gap-1.5">
      <p className="truncate text-xs text-muted-foreground" data-testid="job-progress-text" title={text}>
        {text}
      </p>
      <div
        role="progressbar"
        aria-label="Edit progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? text : `${percent}%`}
        className="h-1.5 overflow-hidden rounded-full bg-muted"
      >
        {percent === null ? (
          <div className="h-full w-1/3 animate-pulse rounded-full bg-primary/40" />
        ) : (
          <div className="h-full rounded-full bg-primary transition-[width] duration-300" style={{ width: `${percent}%` }} />
        )}
      </div>
    </div>
  );
}
