import { ImageOff } from "lucide-react";
import Link from "next/link";
import type { AssetSummary } from "@/lib/gallery/asset-summary";
import { cn } from "@/lib/cn";

type Props = { asset: AssetSummary | null; href: string | null; label: string; current?: boolean; size?: "sm" | "md" };

/** A thumbnail one click from its detail page; a deleted image is a labelled placeholder. */
export function AssetThumbLink({ asset, href, label, current = false, size = "sm" }: Props) {
  const box = cn("relative block shrink-0 overflow-hidden rounded-md border bg-muted", size === "sm" ? "size-20" : "size-28", current ? "border-primary ring-2 ring-primary" : "border-border");
  if (!asset) {
    return (
      <span className={cn(box, "flex flex-col items-center justify-center gap-1 text-center text-[11px] text-muted-foreground")}>
        <ImageOff className="size-4" aria-hidden />
        deleted image
      </span>
    );
  }
  // eslint-disable-next-line @next/next/no-img-element
  const image = <img src={asset.thumbUrl} alt={label} loading="lazy" className="size-full object-cover" />;
  if (current || !href) {
    return (
      <span className={box} aria-current={current ? "page" : undefined}>
        {image}
      </span>
    );
  }
  return (
    <Link href={href} className={cn(box, "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring")}>
      {image}
    </Link>
  );
}
