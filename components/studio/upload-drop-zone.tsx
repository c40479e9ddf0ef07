"use client";

import { useCallback, useId, useState, type DragEvent, type ReactNode } from "react";
import { cn } from "@/lib/cn";

type Props = {
  onFiles(files: File[]): void;
  /** Files are being dragged somewhere over the page. */
  pageDragging: boolean;
  /** The canvas inside; `openFiles` opens the file chooser (for those who'd rather click, or can't drag). */
  children(openFiles: () => void): ReactNode;
};

const ACCEPT = "image/png,image/jpeg,image/webp,image/gif";

/** The canvas as a drop target: files dropped on it (or anywhere on the page) are uploaded. */
export function UploadDropZone({ onFiles, pageDragging, children }: Props) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  // By id, not a ref: the render prop hands this to children, and a ref read there would count as read in render.
  const openFiles = useCallback(() => document.getElementById(inputId)?.click(), [inputId]);

  const isFileDrag = (event: DragEvent) => Array.from(event.dataTransfer.types).includes("Files");
  function onDrop(event: DragEvent) {
    setOver(false);
    if (!isFileDrag(event)) return;
    event.preventDefault();
    onFiles(Array.from(event.dataTransfer.files));
  }

  return (
    <div
      data-testid="upload-drop-zone"
      onDragOver={(event) => {
        if (!isFileDrag(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={cn("min-w-0 rounded-xl border-2 border-dashed border-border p-3 transition-colors sm:p-4", (over || pageDragging) && "border-ring bg-accent/5")}
    >
      {children(openFiles)}
      <input
        id={inputId}
        type="file"
        accept={ACCEPT}
        multiple
        tabIndex={-1}
        aria-label="Images to upload"
        className="sr-only"
        onChange={(event) => {
          onFiles(Array.from(event.target.files ?? []));
          event.target.value = ""; // the same file can be chosen again
        }}
      />
    </div>
  );
}
