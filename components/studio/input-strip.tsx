"use client";

import { ChevronLeft, ChevronRight, GripVertical, ImagePlus, X } from "lucide-react";
import { useLayoutEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { PickedImage } from "./picked-image";

type Props = {
  images: PickedImage[];
  max: number;
  onMove(from: number, to: number): void;
  onRemove(index: number): void;
  onOpenPicker(): void;
};

const DRAG_TYPE = "application/x-darkroom-input";
type Focus = { id: string; action: "earlier" | "later" } | { id: string | null; action: "remove" };

/**
 * The edit's input images in the order the model sees them: reorder by dragging or with the move buttons
 * (focus follows the moved image), remove, or add more from the workspace's images.
 */
export function InputStrip({ images, max, onMove, onRemove, onOpenPicker }: Props) {
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
    <section aria-labelledby="inputs-title" className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <h3 id="inputs-title" className="text-sm font-medium">
          Images to edit <span className="font-normal text-muted-foreground">{images.length ? `${images.length} of at most ${max}, in order` : "none yet"}</span>
        </h3>
        <Button ref={addButton} type="button" variant="outline" size="sm" onClick={onOpenPicker}>
          <ImagePlus aria-hidden /> From gallery
        </Button>
      </div>
      {images.length ? (
        <ol ref={list} aria-labelledby="inputs-title" className="flex gap-3 overflow-x-auto pb-2" data-testid="input-strip">
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
                "group grid w-32 shrink-0 gap-1.5 rounded-lg border border-border bg-card p-1.5 text-xs",
                dropIndex === index && "border-ring ring-2 ring-ring",
              )}
            >
              <div className="relative">
                {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails come from the authorised file route or a local preview */}
                <img src={image.thumbUrl} alt={image.label} className="aspect-square w-full rounded-md bg-muted object-cover" draggable={false} />
                <span className="absolute left-1 top-1 rounded bg-background/90 px-1.5 py-0.5 font-medium tabular-nums" aria-hidden>
                  {index + 1}
                </span>
                <GripVertical className="absolute right-1 top-1 size-4 cursor-grab text-background drop-shadow" aria-hidden />
              </div>
              <p className="truncate" title={image.label}>
                <span className="sr-only">Image {index + 1}: </span>
                {image.label}
              </p>
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
            </li>
          ))}
        </ol>
      ) : (
        <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">Upload images above or pick some from the gallery; the model sees them in this order.</p>
      )}
    </section>
  );
}
