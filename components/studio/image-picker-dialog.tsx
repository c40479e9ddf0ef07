"use client";

import { Check, Images } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { PickedImage } from "./picked-image";

type Props = {
  open: boolean;
  images: PickedImage[];
  /** Already inputs of the edit: shown as added. */
  chosenIds: ReadonlySet<string>;
  /** How many more the edit can take. */
  room: number;
  onAdd(images: PickedImage[]): void;
  onClose(): void;
};

/**
 * The workspace's recent images, to add to the edit (a modal <dialog>: focus stays inside, Escape closes,
 * and focus returns to the button that opened it).
 */
export function ImagePickerDialog({ open, images, chosenIds, room, onAdd, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  function close() {
    setSelected([]);
    onClose();
  }

  function toggle(id: string) {
    setSelected((current) => (current.includes(id) ? current.filter((v) => v !== id) : current.length < room ? [...current, id] : current));
  }

  const available = images.filter((image) => !chosenIds.has(image.id));
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={close}
      className="m-auto w-[min(48rem,calc(100vw-2rem))] rounded-xl border border-border bg-card p-0 text-card-foreground shadow-lg backdrop:bg-black/50"
    >
      <div className="flex max-h-[min(40rem,calc(100dvh-4rem))] flex-col">
        <header className="border-b border-border p-4">
          <h2 id={titleId} className="text-lg font-semibold">
            Choose images
          </h2>
          <p className="text-sm text-muted-foreground">
            {room > 0 ? `Recent images of this workspace, newest first. You can add ${room} more.` : "This edit already has as many images as it can take."}
          </p>
        </header>
        <div className="flex-1 overflow-y-auto p-4">
          {images.length === 0 ? (
            <div className="flex flex-col items-center gap-2 py-10 text-center text-sm text-muted-foreground">
              <Images className="size-6" aria-hidden />
              <p className="font-medium text-foreground">No images in this workspace yet</p>
              <p>Upload one to start; your edits&apos; results appear here too.</p>
            </div>
          ) : (
            <ul className="grid grid-cols-3 gap-3 sm:grid-cols-4 md:grid-cols-5" aria-label="Workspace images">
              {images.map((image) => {
                const added = chosenIds.has(image.id);
                const isSelected = selected.includes(image.id);
                return (
                  <li key={image.id}>
                    <button
                      type="button"
                      aria-pressed={added || isSelected}
                      disabled={added || (!isSelected && selected.length >= room)}
                      onClick={() => toggle(image.id)}
                      className={cn(
                        "relative block w-full overflow-hidden rounded-lg border-2 border-transparent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50",
                        isSelected && "border-ring",
                      )}
                    >
                      {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails come from the authorised file route */}
                      <img src={image.thumbUrl} alt={image.label} loading="lazy" className="aspect-square w-full bg-muted object-cover" />
                      {added || isSelected ? (
                        <span className="absolute right-1 top-1 rounded-full bg-primary p-0.5 text-primary-foreground">
                          <Check className="size-3" aria-hidden />
                        </span>
                      ) : null}
                      <span className="sr-only">{added ? " (already added)" : ""}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <footer className="flex justify-end gap-2 border-t border-border p-4">
          <Button type="button" variant="outline" onClick={close}>
            Cancel
          </Button>
          <Button
            type="button"
            disabled={selected.length === 0}
            onClick={() => {
              onAdd(available.filter((image) => selected.includes(image.id)).sort((a, b) => selected.indexOf(a.id) - selected.indexOf(b.id)));
              close();
            }}
          >
            {selected.length ? `Add ${selected.length} image${selected.length === 1 ? "" : "s"}` : "Add images"}
          </Button>
        </footer>
      </div>
    </dialog>
  );
}
