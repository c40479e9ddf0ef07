"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cancelEditAction } from "@/lib/actions/studio/cancel-edit";
import { isTerminal, type JobView } from "@/lib/jobs/job-view";
import { JobProgress } from "./job-progress";
import { JobStatusBadge } from "./job-status-badge";
import { ResultThumb } from "./result-thumb";
import { useJobEvents } from "./use-job-events";
import { describeElapsed, formatElapsed, useNow } from "./use-now";

type Props = {
  job: JobView;
  modelName: string;
  workspaceSlug: string;
  mayCancel: boolean;
  serverNow: number;
  onChange(previous: JobView, next: JobView): void;
  onUseAsInput?(assetId: string): void;
};

const credits = (n: number) => `${n.toLocaleString("en-US")} credit${n === 1 ? "" : "s"}`;

function creditsLine(job: JobView): string | null {
  if (!isTerminal(job.status)) return job.heldCredits === null ? null : `Holding ${credits(job.heldCredits)}`;
  const charged = `Charged ${credits(job.credits ?? 0)}`;
  return job.heldCredits === null ? charged : `${charged} · ${job.heldCredits.toLocaleString("en-US")} held`;
}

/** One edit: its state, time, progress, results as they arrive, and a way to stop it. */
export function JobTile({ job: initial, modelName, workspaceSlug, mayCancel, serverNow, onChange, onUseAsInput }: Props) {
  const { job, connection, reconnect } = useJobEvents(initial, onChange);
  const terminal = isTerminal(job.status);
  const now = useNow(serverNow, !terminal);
  const [cancel, setCancel] = useState<{ pending: boolean; error?: string }>({ pending: false });
  const end = terminal && job.finishedAt ? Date.parse(job.finishedAt) : now;
  const elapsed = end - Date.parse(job.createdAt);

  async function requestCancel() {
    setCancel({ pending: true });
    const form = new FormData();
    form.set("workspace", workspaceSlug);
    form.set("jobId", job.id);
    try {
      const result = await cancelEditAction(form);
      setCancel(result.status === "error" ? { pending: false, error: result.message } : { pending: true });
    } catch {
      setCancel({ pending: false, error: "Couldn't reach the server to cancel. Try again." });
    }
  }

  return (
    <li
      data-testid="job-tile"
      data-job-id={job.id}
      data-job-state={job.status}
      aria-labelledby={`job-${job.id}-prompt`}
      className="grid gap-3 rounded-xl border border-border bg-card p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <JobStatusBadge status={job.status} />
          <span role="timer" aria-label={`${terminal ? "Took" : "Elapsed"} ${describeElapsed(elapsed)}`} className="text-xs tabular-nums text-muted-foreground" data-testid="job-elapsed">
            {formatElapsed(elapsed)}
          </span>
        </div>
        <span className="truncate text-xs text-muted-foreground" title={job.model}>
          {modelName}
        </span>
      </div>
      <p id={`job-${job.id}-prompt`} className="line-clamp-3 whitespace-pre-line text-sm">
        {job.prompt}
      </p>

      {!terminal ? <JobProgress status={job.status} progress={job.progress} /> : null}

      {job.outputIds.length ? (
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {job.outputIds.map((assetId, index) => (
            <ResultThumb key={assetId} assetId={assetId} index={index} workspaceSlug={workspaceSlug} onUseAsInput={onUseAsInput} />
          ))}
        </div>
      ) : null}

      {job.status === "failed" ? (
        <Alert variant="destructive" className="grid gap-2">
          <p>{job.error ?? "The edit failed."}</p>
          {job.resultText ? (
            <blockquote className="max-h-40 overflow-y-auto whitespace-pre-wrap border-l-2 border-destructive/40 pl-3 text-xs text-foreground" aria-label="What the model said">
              {job.resultText}
            </blockquote>
          ) : null}
        </Alert>
      ) : null}

      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
        <span data-testid="job-credits">{creditsLine(job)}</span>
        <div className="flex items-center gap-2">
          {connection === "reconnecting" ? <span>Reconnecting…</span> : null}
          {connection === "lost" ? (
            <Button type="button" variant="outline" size="sm" onClick={reconnect}>
              Lost touch with this edit · Retry
            </Button>
          ) : null}
          {!terminal && mayCancel ? (
            <Button type="button" variant="outline" size="sm" onClick={requestCancel} disabled={cancel.pending} aria-label={`Cancel the edit “${job.prompt.slice(0, 60)}”`}>
              {cancel.pending ? "Cancelling…" : "Cancel"}
            </Button>
          ) : null}
        </div>
      </div>
      {cancel.error && !terminal ? <p className="text-xs font-medium text-destructive">{cancel.error}</p> : null}
    </li>
  );
}
