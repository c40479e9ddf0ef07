"use client";

import { ChevronLeft, ChevronRight, GripVertical, ImagePlus, ImageUp, X } from "lucide-react";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { PickedImage } from "./picked-image";

type Props = {
  images: PickedImage[];
  max: number;
  onMove(from: number, to: number): void;
  onRemove(index: number): void;
  onOpenPicker(): void;
  onOpenFiles(): void;
  limitsText: string;
  /** Uploads still on their way, shown between the heading and the images. */
  uploads?: ReactNode;
};

const DRAG_TYPE = "application/x-darkroom-input";
type Focus = { id: string; action: "earlier" | "later" } | { id: string | null; action: "remove" };

/**
 * The edit's input images, large, in the order the model sees them: reorder by dragging or with the move buttons
 * (focus follows the moved image), remove, upload more or add some from the workspace's images. With none yet,
 * it is the invitation to upload.
 */
export function InputStrip({ images, max, onMove, onRemove, onOpenPicker, onOpenFiles, limitsText, uploads }: Props) {
  const list = useRef<HTMLOListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const pendingFocus = useRef<Focus | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);

  useLayoutEffect(() => {
    const focus = pendingFocus.current;
    pendingFocus.current = null;
    if (!focus) return;
    const item = focus.id ? list.current?.querySelector<HTMLElement>(`[data-input-id="${focus.id}"]`) : null;
    if (!item) return addButton.current?.focus();
    // At an end the same move is no longer possible: the opposite one is the natural next key press.
    const order = focus.action === "earlier" ? ["earlier", "later"] : focus.action === "later" ? ["later", "earlier"] : ["remove"];
    const button = order.map((action) => item.querySelector<HTMLButtonElement>(`[data-action="${action}"]:not(:disabled)`)).find(Boolean);
    (button ?? item.querySelector<HTMLButtonElement>("button:not(:disabled)"))?.focus();
  }, [images]);

  function move(from: number, to: number, action: "earlier" | "later") {
    pendingFocus.current = { id: images[from]!.id, action };
    onMove(from, to);
  }

  function remove(index: number) {
    const next = images[index + 1] ?? images[index - 1];
    pendingFocus.current = { id: next?.id ?? null, action: "remove" };
    onRemove(index);
  }

  return (
    <section aria-labelledby="inputs-title" className="grid min-w-0 grid-cols-1 gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="inputs-title" className="text-sm font-medium">
          Images to edit <span className="font-normal text-muted-foreground">{images.length ? `${images.length} of at most ${max}, in order` : "none yet"}</span>
        </h2>
        <div className="flex gap-2">
          {images.length ? (
            <Button type="button" variant="outline" size="sm" onClick={onOpenFiles} disabled={images.length >= max}>
              <ImageUp aria-hidden /> Upload
            </Button>
          ) : null}
          <Button ref={addButton} type="button" variant="outline" size="sm" onClick={onOpenPicker}>
            <ImagePlus aria-hidden /> From gallery
          </Button>
        </div>
      </div>
      {uploads}
      {images.length ? (
        // Few rows, so every image's buttons sit high on the screen, clear of the sticky compose bar: on a phone
        // three or more scroll sideways in one row, wider screens fit them in at most two.
        <ol
          ref={list}
          aria-labelledby="inputs-title"
          className={
            images.length <= 2
              ? cn("grid gap-3", images.length === 1 ? "grid-cols-1" : "grid-cols-2")
              : cn(
                  "flex snap-x snap-mandatory gap-3 overflow-x-auto pb-1 sm:grid sm:overflow-visible sm:pb-0",
                  images.length === 3 ? "sm:grid-cols-3" : images.length === 4 ? "sm:grid-cols-4" : "sm:grid-cols-5",
                )
          }
          data-testid="input-strip"
        >
          {images.map((image, index) => (
            <li
              key={image.id}
              data-input-id={image.id}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_TYPE, String(index));
                event.dataTransfer.effectAllowed = "move";
              }}
              onDragOver={(event) => {
                if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
                event.preventDefault();
                setDropIndex(index);
              }}
              onDragLeave={() => setDropIndex(null)}
              onDrop={(event) => {
                setDropIndex(null);
                const from = Number(event.dataTransfer.getData(DRAG_TYPE));
                if (!event.dataTransfer.types.includes(DRAG_TYPE) || Number.isNaN(from)) return;
                event.preventDefault();
                if (from !== index) onMove(from, index);
              }}
              onDragEnd={() => setDropIndex(null)}
              className={cn(
                "group grid min-w-0 gap-1.5 rounded-lg border border-border bg-card p-1.5 text-xs",
                // Two whole tiles per screen on a phone: the next one starts off screen, never half clipped.
                images.length > 2 && "w-[calc(50%-0.375rem)] shrink-0 snap-start sm:w-auto",
                dropIndex === index && "border-ring ring-2 ring-ring",
              )}
            >
              {/* The buttons above the image, not under it: where the compose bar sticks over the bottom of the
                  strip (a phone's screen can't hold a large image and the bar), it covers image, not buttons. */}
              <div className="flex items-center justify-between">
                <Button type="button" variant="ghost" size="icon" className="size-7" data-action="earlier" disabled={index === 0} onClick={() => move(index, index - 1, "earlier")} aria-label={`Move ${image.label} left`}>
                  <ChevronLeft aria-hidden />
                </Button>
                <Button type="button" variant="ghost" size="icon" className="size-7" data-action="remove" onClick={() => remove(index)} aria-label={`Remove ${image.label}`}>
                  <X aria-hidden />
                </Button>
                <Button type="button" variant="ghost" size="icon" className="size-7" data-action="later" disabled={index === images.length - 1} onClick={() => move(index, index + 1, "later")} aria-label={`Move ${image.label} right`}>
                  <ChevronRight aria-hidden />
                </Button>
              </div>
              <div className="relative">
                {/* eslint-disable-next-line @next/next/no-img-element -- images come from the authorised file route or a local preview */}
                <img
                  src={images.length === 1 ? (image.fullUrl ?? image.thumbUrl) : image.thumbUrl}
                  alt={image.label}
                  className={cn(
                    "w-full rounded-md bg-muted object-contain",
                    images.length === 1 ? "h-[min(40vh,26rem)]" : "aspect-square",
                  )}
                  draggable={false}
                />
                <span className="absolute left-1 top-1 rounded bg-background/90 px-1.5 py-0.5 font-medium tabular-nums" aria-hidden>
                  {index + 1}
                </span>
                <GripVertical className="absolute right-1 top-1 size-4 cursor-grab text-background drop-shadow" aria-hidden />
              </div>
              <p className="truncate" title={image.label}>
                <span className="sr-only">Image {index + 1}: </span>
                {image.label}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <div className="flex flex-col items-center justify-center gap-3 px-2 py-2 text-center sm:py-6">
          <div className="hidden rounded-full bg-muted p-3 sm:block">
            <ImageUp className="size-7 text-muted-foreground" aria-hidden />
          </div>
          <h3 className="text-lg font-semibold">Upload an image to start</h3>
          {/* The button before the hint, at every width: the sticky prompt bar below must never hide it (the page
              header above grows with notices and the storage meter). */}
          <Button type="button" onClick={onOpenFiles}>
            <ImageUp aria-hidden /> Choose files
          </Button>
          <p className="max-w-sm text-sm text-muted-foreground">
            Drop images here or anywhere on the page, paste one with <kbd className="font-sans">Ctrl/⌘ V</kbd>, or choose files.{" "}
            <span className="block text-xs">{limitsText}</span>
          </p>
        </div>
      )}
    </section>
  );
}
