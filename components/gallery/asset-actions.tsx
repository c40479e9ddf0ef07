"use client";

import { Download, Wand2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { DeleteAssetsDialog } from "./delete-assets-dialog";

type Props = {
  workspaceSlug: string;
  assetId: string;
  editAgainHref: string | null;
  downloadHref: string;
  mayDelete: boolean;
  /** Where to go once the image is deleted. */
  galleryHref: string;
};

/** Edit again (the studio with this image and the same settings), download the original, delete. */
export function AssetActions({ workspaceSlug, assetId, editAgainHref, downloadHref, mayDelete, galleryHref }: Props) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap gap-2">
      {editAgainHref ? (
        <Button asChild>
          <Link href={editAgainHref}>
            <Wand2 aria-hidden /> Edit again
          </Link>
        </Button>
      ) : null}
      <Button asChild variant="outline">
        <a href={downloadHref} download>
          <Download aria-hidden /> Download original
        </a>
      </Button>
      {mayDelete ? (
        <DeleteAssetsDialog workspaceSlug={workspaceSlug} ids={[assetId]} blockedReason={null} onDeleted={() => router.replace(galleryHref)} />
      ) : null}
    </div>
  );
}
