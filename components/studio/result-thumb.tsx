"use client";

import Link from "next/link";
import { ImageOff, ImagePlus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { assetFileUrl, galleryAssetUrl } from "@/lib/assets/asset-urls";

type Props = { assetId: string; index: number; workspaceSlug: string; onUseAsInput?(assetId: string): void };

/** One result: its thumbnail opens the full image; below, its gallery page and "edit this". */
export function ResultThumb({ assetId, index, workspaceSlug, onUseAsInput }: Props) {
  const [broken, setBroken] = useState(false);
  const label = `Result ${index + 1}`;
  return (
    <figure className="grid gap-1" data-testid="job-result" data-asset-id={assetId}>
      <a
        href={assetFileUrl(assetId)}
        target="_blank"
        rel="noopener"
        className="block overflow-hidden rounded-lg bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        aria-label={`${label}: open the full image`}
      >
        {broken ? (
          <span className="flex aspect-square items-center justify-center text-muted-foreground">
            <ImageOff className="size-5" aria-hidden />
            <span className="sr-only">Preview unavailable</span>
          </span>
        ) : (
          // eslint-disable-next-line @next/next/no-img-element -- thumbnails come from the authorised file route
          <img src={assetFileUrl(assetId, { thumb: true })} alt={label} className="aspect-square w-full object-cover" onError={() => setBroken(true)} />
        )}
      </a>
      <figcaption className="flex items-center justify-between gap-1 text-xs">
        <Link href={galleryAssetUrl(workspaceSlug, assetId)} className="inline-flex min-h-6 items-center rounded underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
          Details<span className="sr-only"> of {label.toLowerCase()}</span>
        </Link>
        {onUseAsInput ? (
          <Button type="button" variant="ghost" size="sm" className="h-7 px-2" onClick={() => onUseAsInput(assetId)} aria-label={`Edit this: ${label.toLowerCase()}`}>
            <ImagePlus aria-hidden /> Edit this
          </Button>
        ) : null}
      </figcaption>
    </figure>
  );
}
