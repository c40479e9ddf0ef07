"use client";

import { CircleAlert, CircleCheck, Clock, LoaderCircle, RotateCcw, Ban } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { UploadItem, UploadStatus } from "./use-upload-queue";

const STATUS: Record<UploadStatus, { label: string; icon: typeof Clock; className: string }> = {
  queued: { label: "Waiting", icon: Clock, className: "text-muted-foreground" },
  uploading: { label: "Uploading…", icon: LoaderCircle, className: "text-foreground [&_svg]:animate-spin" },
  done: { label: "Uploaded", icon: CircleCheck, className: "text-emerald-700 dark:text-emerald-300" },
  rejected: { label: "Rejected", icon: Ban, className: "text-destructive" },
  failed: { label: "Failed", icon: CircleAlert, className: "text-destructive" },
};

type Props = { items: UploadItem[]; onRetry(key: string): void; onClear(): void };

/**
 * Files on their way, and those that didn't make it (rejected ones say why in the server's words). An uploaded
 * file leaves the list: it is in the images to edit.
 */
export function UploadList({ items: all, onRetry, onClear }: Props) {
  const items = all.filter((item) => item.status !== "done");
  if (items.length === 0) return null;
  const finished = all.filter((item) => item.status !== "queued" && item.status !== "uploading").length;
  const pending = all.length - finished;
  return (
    <section aria-labelledby="uploads-title" className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <h3 id="uploads-title" className="text-sm font-medium">
          Uploads{" "}
          <span className="font-normal text-muted-foreground">
            {pending ? `${finished} of ${all.length} finished` : `${items.length} not uploaded`}
          </span>
        </h3>
        {items.some((item) => item.status === "rejected") ? (
          <Button type="button" variant="ghost" size="sm" onClick={onClear}>
            Clear
          </Button>
        ) : null}
      </div>
      {pending ? (
        <div role="progressbar" aria-label="Uploads finished" aria-valuemin={0} aria-valuemax={all.length} aria-valuenow={finished} className="h-1 overflow-hidden rounded-full bg-muted">
          <div className="h-full bg-primary transition-[width]" style={{ width: `${(finished / all.length) * 100}%` }} />
        </div>
      ) : null}
      <ul className="grid gap-2">
        {items.map((item) => {
          const status = STATUS[item.status];
          const Icon = status.icon;
          return (
            <li key={item.key} data-upload-status={item.status} className="flex items-start gap-3 rounded-md border border-border p-2 text-sm">
              {item.status === "done" ? (
                // eslint-disable-next-line @next/next/no-img-element -- a local object URL: nothing for next/image to optimise
                <img src={item.previewUrl} alt="" className="size-10 shrink-0 rounded object-cover" />
              ) : (
                <span className="flex size-10 shrink-0 items-center justify-center rounded bg-muted" aria-hidden>
                  <Icon className={cn("size-4", status.className)} />
                </span>
              )}
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium" title={item.name}>
                  {item.name}
                </p>
                <p className={cn("flex items-center gap-1 text-xs", status.className)}>
                  <Icon className="size-3" aria-hidden /> {status.label}
                  {item.asset?.deduplicated ? <span className="text-muted-foreground"> · already in this workspace</span> : null}
                </p>
                {item.message ? <p className="mt-1 text-xs text-destructive">{item.message}</p> : null}
              </div>
              {item.status === "failed" ? (
                <Button type="button" variant="outline" size="sm" onClick={() => onRetry(item.key)} aria-label={`Retry uploading ${item.name}`}>
                  <RotateCcw aria-hidden /> Retry
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
