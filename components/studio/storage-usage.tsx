import { formatBytes } from "@/lib/assets/format-bytes";
import { cn } from "@/lib/cn";

/** The workspace's stored images against its quota: uploads and results both count; deleting images frees room. */
export function StorageUsage({ used, quota }: { used: number; quota: number }) {
  const share = quota > 0 ? Math.min(1, used / quota) : 1;
  const full = used >= quota;
  return (
    // A span: it sits inside the page header's description paragraph.
    <span className="mt-1 flex flex-wrap items-center gap-2" data-testid="storage-usage">
      <span className={cn("tabular-nums", full ? "font-medium text-destructive" : "text-muted-foreground")}>
        Storage: {formatBytes(used)} of {formatBytes(quota)} used{full ? " — full: delete images in the gallery to make room" : ""}
      </span>
      <meter
        className="h-2 w-24"
        min={0}
        max={1}
        low={0.8}
        high={0.95}
        optimum={0}
        value={share}
        aria-label={`Storage ${Math.round(share * 100)}% used`}
      />
    </span>
  );
}
