"use client";

import { ArrowLeftRight, RotateCcw, TextCursorInput, X } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cancelEditAction } from "@/lib/actions/studio/cancel-edit";
import { clearEditAction } from "@/lib/actions/studio/clear-edit";
import { submitEditAction } from "@/lib/actions/studio/submit-edit";
import { describeJobOutcome } from "@/lib/jobs/describe-job-outcome";
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
  /** Given to those who may make edits: what a finished edit's buttons do. */
  followUps?: {
    onSubmitted(job: JobView): void;
    onTryAnotherModel(job: JobView): void;
    onRestorePrompt(job: JobView): void;
    onCleared(job: JobView): void;
  };
};

const FORM_ERROR = "Couldn't reach the server. Try again.";

/** One edit: its state, time, progress, results as they arrive, a way to stop it, and what to do after. */
export function JobTile({ job: initial, modelName, workspaceSlug, mayCancel, serverNow, onChange, onUseAsInput, followUps }: Props) {
  const { job, connection, reconnect } = useJobEvents(initial, onChange);
  const terminal = isTerminal(job.status);
  const now = useNow(serverNow, !terminal);
  const [cancel, setCancel] = useState<{ pending: boolean; error?: string }>({ pending: false });
  const [followUp, setFollowUp] = useState<{ pending: "retry" | "clear" | null; error?: string }>({ pending: null });
  const outcome = describeJobOutcome(job);
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

  async function retry() {
    setFollowUp({ pending: "retry" });
    const form = new FormData();
    form.set("workspace", workspaceSlug);
    for (const id of job.inputIds) form.append("inputs", id);
    form.set("prompt", job.prompt);
    form.set("model", job.model);
    form.set("n", String(job.n));
    try {
      const result = await submitEditAction({ status: "idle" }, form);
      if (result.status === "success" && result.job) {
        setFollowUp({ pending: null });
        followUps?.onSubmitted(result.job);
      } else {
        const fields = result.status === "error" ? Object.values(result.fieldErrors ?? {}).flat() : [];
        setFollowUp({ pending: null, error: [result.message, ...fields].filter(Boolean).join(" ") || FORM_ERROR });
      }
    } catch {
      setFollowUp({ pending: null, error: FORM_ERROR });
    }
  }

  async function clear() {
    setFollowUp({ pending: "clear" });
    const form = new FormData();
    form.set("workspace", workspaceSlug);
    form.set("jobId", job.id);
    try {
      const result = await clearEditAction(form);
      if (result.status === "error") setFollowUp({ pending: null, error: result.message });
      else followUps?.onCleared(job);
    } catch {
      setFollowUp({ pending: null, error: FORM_ERROR });
    }
  }

  const label = `“${job.prompt.slice(0, 60)}”`;
  const unhappy = job.status === "failed" || job.status === "cancelled";
  return (
    <li
      data-testid="job-tile"
      data-job-id={job.id}
      data-job-state={job.status}
      aria-labelledby={`job-${job.id}-prompt`}
      className="grid min-w-0 grid-cols-1 gap-3 rounded-xl border border-border bg-card p-4 shadow-sm"
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
        <div className="grid grid-cols-2 gap-2">
          {job.outputIds.map((assetId, index) => (
            <ResultThumb key={assetId} assetId={assetId} index={index} workspaceSlug={workspaceSlug} onUseAsInput={onUseAsInput} />
          ))}
        </div>
      ) : null}

      {unhappy && outcome.headline ? (
        <Alert variant={job.status === "failed" ? "destructive" : "default"} className="grid gap-2" data-testid="job-outcome">
          <p>{outcome.headline}</p>
          {job.status === "failed" && (job.error || job.resultText) ? (
            <details className="text-xs text-foreground">
              <summary className="cursor-pointer select-none py-1 font-medium">Technical detail</summary>
              {job.error ? <p className="mt-1 break-words">{job.error}</p> : null}
              {job.resultText ? (
                <blockquote className="mt-1 max-h-40 overflow-y-auto whitespace-pre-wrap border-l-2 border-border pl-3" aria-label="What the model said">
                  {job.resultText}
                </blockquote>
              ) : null}
            </details>
          ) : null}
        </Alert>
      ) : null}

      {terminal && followUps && job.mine ? (
        <div className="flex flex-wrap gap-2" role="group" aria-label={`What next for the edit ${label}`}>
          {unhappy ? (
            <>
              <Button type="button" size="sm" onClick={retry} disabled={followUp.pending !== null}>
                <RotateCcw aria-hidden /> {followUp.pending === "retry" ? "Retrying…" : "Retry"}
              </Button>
              <Button type="button" variant="outline" size="sm" onClick={() => followUps.onTryAnotherModel(job)}>
                <ArrowLeftRight aria-hidden /> Try another model
              </Button>
            </>
          ) : null}
          <Button type="button" variant="outline" size="sm" onClick={() => followUps.onRestorePrompt(job)}>
            <TextCursorInput aria-hidden /> Restore prompt
          </Button>
          <Button type="button" variant="ghost" size="sm" onClick={clear} disabled={followUp.pending !== null} aria-label={`Clear the edit ${label} from this list`} className="ml-auto">
            <X aria-hidden /> Clear
          </Button>
        </div>
      ) : null}
      {followUp.error ? <p className="text-xs font-medium text-destructive">{followUp.error}</p> : null}

      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
        <span data-testid="job-credits">{outcome.cost}</span>
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
