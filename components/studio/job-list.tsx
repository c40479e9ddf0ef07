"use client";

import { Sparkles } from "lucide-react";
import type { ComponentProps } from "react";
import { useWorkspaceReadOnly } from "@/components/shell/workspace-read-only";
import type { JobView } from "@/lib/jobs/job-view";
import { JobTile } from "./job-tile";

type Props = {
  jobs: JobView[];
  modelNames: ReadonlyMap<string, string>;
  workspaceSlug: string;
  canCancelAny: boolean;
  serverNow: number;
  onChange(previous: JobView, next: JobView): void;
  onUseAsInput?(assetId: string): void;
  followUps?: ComponentProps<typeof JobTile>["followUps"];
};

/** The workspace's edits of the last day, newest first, each following its own progress. */
export function JobList({ jobs, modelNames, workspaceSlug, canCancelAny, serverNow, onChange, onUseAsInput, followUps }: Props) {
  const readOnly = useWorkspaceReadOnly();
  if (jobs.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-border px-6 py-12 text-center text-sm text-muted-foreground">
        <Sparkles className="size-5" aria-hidden />
        <p className="font-medium text-foreground">No edits yet</p>
        <p className="max-w-xs">Each edit you run appears here with its progress, then its results. Closing the page doesn&apos;t stop it.</p>
      </div>
    );
  }
  return (
    <ul className="grid gap-4" aria-label="Edits, newest first">
      {jobs.map((job) => (
        <JobTile
          key={job.id}
          job={job}
          modelName={modelNames.get(job.model) ?? job.model}
          workspaceSlug={workspaceSlug}
          mayCancel={!readOnly && (job.mine || canCancelAny)}
          serverNow={serverNow}
          onChange={onChange}
          onUseAsInput={onUseAsInput}
          followUps={followUps}
        />
      ))}
    </ul>
  );
}
