"use client";

import { ImageUp } from "lucide-react";
import { useId, useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

type Props = {
  onFiles(files: File[]): void;
  /** Large, with the first-run title, when there is nothing to edit yet. */
  prominent: boolean;
  /** Files are being dragged somewhere over the page. */
  pageDragging: boolean;
  limitsText: string;
};

const ACCEPT = "image/png,image/jpeg,image/webp,image/gif";

/** The visible drop target, with a file picker for those who'd rather click (or can't drag). */
export function UploadDropZone({ onFiles, prominent, pageDragging, limitsText }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const titleId = useId();
  const hintId = useId();

  const isFileDrag = (event: DragEvent) => Array.from(event.dataTransfer.types).includes("Files");
  function onDrop(event: DragEvent) {
    setOver(false);
    if (!isFileDrag(event)) return;
    event.preventDefault();
    onFiles(Array.from(event.dataTransfer.files));
  }

  return (
    <section
      aria-labelledby={titleId}
      aria-describedby={hintId}
      data-testid="upload-drop-zone"
      onDragOver={(event) => {
        if (!isFileDrag(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-xl border-2 border-dashed border-border text-center transition-colors",
        prominent ? "px-6 py-14" : "px-4 py-6",
        (over || pageDragging) && "border-ring bg-accent/5",
      )}
    >
      <div className="rounded-full bg-muted p-3">
        <ImageUp className={cn("text-muted-foreground", prominent ? "size-7" : "size-5")} aria-hidden />
      </div>
      <h2 id={titleId} className={cn("font-semibold", prominent ? "text-lg" : "text-sm")}>
        {prominent ? "Upload an image to start" : "Add more images"}
      </h2>
      <p id={hintId} className="max-w-sm text-sm text-muted-foreground">
        Drop images here or anywhere on the page, paste one with <kbd className="font-sans">Ctrl/⌘ V</kbd>, or choose files.{" "}
        <span className="block text-xs">{limitsText}</span>
      </p>
      <Button type="button" variant={prominent ? "default" : "outline"} size={prominent ? "default" : "sm"} onClick={() => input.current?.click()}>
        Choose files
      </Button>
      <input
        ref={input}
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
    </section>
  );
}
