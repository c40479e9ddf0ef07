"use client";

import { Download, SquareCheck, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DeleteAssetsDialog } from "./delete-assets-dialog";

type Props = {
  workspaceSlug: string;
  selecting: boolean;
  onSelectingChange: (selecting: boolean) => void;
  selectedIds: string[];
  allSelected: boolean;
  onSelectAll: (all: boolean) => void;
  /** Selected images the viewer may not delete (someone else's, without "images.delete_any"). */
  notDeletable: number;
  onDeleted: (ids: string[]) => void;
};

/** "Select", then: select all on the page, download the selection as a ZIP, delete it. */
export function GallerySelectionBar(props: Props) {
  const { workspaceSlug, selecting, selectedIds, notDeletable } = props;
  if (!selecting) {
    return (
      <div className="flex justify-end">
        <Button type="button" variant="outline" size="sm" onClick={() => props.onSelectingChange(true)}>
          <SquareCheck aria-hidden /> Select
        </Button>
      </div>
    );
  }
  const count = selectedIds.length;
  return (
    <div role="toolbar" aria-label="Selection" className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-lg border border-border bg-card p-2 shadow-sm">
      <p role="status" className="mr-auto px-2 text-sm font-medium">
        {count} selected
      </p>
      <Button type="button" variant="ghost" size="sm" onClick={() => props.onSelectAll(!props.allSelected)}>
        {props.allSelected ? "Select none" : "Select all on page"}
      </Button>
      {/* A plain form post: the browser saves the streamed archive itself, however large. */}
      <form method="post" action="/api/gallery/zip">
        <input type="hidden" name="workspace" value={workspaceSlug} />
        {selectedIds.map((id) => (
          <input key={id} type="hidden" name="ids" value={id} />
        ))}
        <Button type="submit" variant="outline" size="sm" disabled={count === 0 || count > 200}>
          <Download aria-hidden /> Download ZIP
        </Button>
      </form>
      <DeleteAssetsDialog
        workspaceSlug={workspaceSlug}
        ids={selectedIds}
        blockedReason={notDeletable ? `You can delete only images you made: ${notDeletable} selected ${notDeletable === 1 ? "is" : "are"} someone else's.` : null}
        onDeleted={props.onDeleted}
      />
      {count > 200 ? <p className="basis-full text-xs text-destructive">Download or delete at most 200 images at once: {count} are selected.</p> : null}
      <Button type="button" variant="ghost" size="sm" onClick={() => props.onSelectingChange(false)} aria-label="Done selecting">
        <X aria-hidden /> Done
      </Button>
    </div>
  );
}
