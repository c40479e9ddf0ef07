import { Ban, CircleAlert, CircleCheck, Clock, LoaderCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { JobStatus } from "@/lib/jobs/job-view";

export const JOB_STATUS_LABEL: Record<JobStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

const LOOK = {
  queued: { variant: "default", icon: Clock },
  running: { variant: "warning", icon: LoaderCircle },
  succeeded: { variant: "success", icon: CircleCheck },
  failed: { variant: "destructive", icon: CircleAlert },
  cancelled: { variant: "default", icon: Ban },
} as const;

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const { variant, icon: Icon } = LOOK[status];
  return (
    <Badge variant={variant} className="gap-1" data-testid="job-state">
      <Icon className={status === "running" ? "size-3 animate-spin motion-reduce:animate-none" : "size-3"} aria-hidden />
      {JOB_STATUS_LABEL[status]}
    </Badge>
  );
}
