"use client";

import { Download, ImagePlus, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { DeleteAssetsDialog } from "./delete-assets-dialog";

type Props = {
  workspaceSlug: string;
  assetId: string;
  /** The studio with this image as input and an empty prompt; null without "images.create". */
  editHref: string | null;
  /** The studio with this image's edit as it was (inputs, model, prompt); null for uploads or without "images.create". */
  runAgainHref: string | null;
  downloadHref: string;
  mayDelete: boolean;
  /** Where to go once the image is deleted. */
  galleryHref: string;
};

/** The main action (edit this image), run its edit again, download the original; delete, quietly, last. */
export function AssetActions({ workspaceSlug, assetId, editHref, runAgainHref, downloadHref, mayDelete, galleryHref }: Props) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap gap-2">
      {editHref ? (
        <Button asChild>
          <Link href={editHref}>
            <ImagePlus aria-hidden /> Edit this {runAgainHref ? "result" : "image"}
          </Link>
        </Button>
      ) : null}
      {runAgainHref ? (
        <Button asChild variant="outline">
          <Link href={runAgainHref}>
            <RotateCcw aria-hidden /> Run again
          </Link>
        </Button>
      ) : null}
      <Button asChild variant="outline">
        <a href={downloadHref} download>
          <Download aria-hidden /> Download original
        </a>
      </Button>
      {mayDelete ? (
        <DeleteAssetsDialog workspaceSlug={workspaceSlug} ids={[assetId]} blockedReason={null} variant="outline" onDeleted={() => router.replace(galleryHref)} />
      ) : null}
    </div>
  );
}
