"use client";

import { ChevronLeft, ChevronRight, Minus, Plus, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

const ZOOMS = [1, 1.5, 2, 3, 4] as const;
const clampZoom = (z: number) => Math.min(ZOOMS.length - 1, Math.max(0, z));

type Props = {
  src: string;
  alt: string;
  width: number;
  height: number;
  /** The neighbours in the gallery's order (newer: ←, older: →) and the grid (Esc). */
  newerHref: string | null;
  olderHref: string | null;
  backHref: string;
};

/** A point of the stage (client coordinates) that must stay where it is across a zoom; null: the stage's centre. */
type Anchor = { clientX: number; clientY: number } | null;

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The image large, lightbox-style: zoom with + / −, a click, or Ctrl + wheel, centred on the pointer (the point
 * under it stays under it) or, from the buttons and keys, on the middle of the view; ← and → step through the
 * gallery, Esc returns to it. Keys typed into a control (the comparison slider's arrows) stay with that control.
 */
export function AssetViewer({ src, alt, width, height, newerHref, olderHref, backHref }: Props) {
  const router = useRouter();
  const [zoom, setZoom] = useState(0);
  // Zoomed, the stage keeps the height it had at 100%, so the image scrolls inside it (both ways) rather than
  // pushing the page down, and the point under the pointer can stay there.
  const [fitHeight, setFitHeight] = useState<number | null>(null);
  const stage = useRef<HTMLDivElement>(null);
  // Where the anchor point was, as a fraction of the image, before the zoom changed.
  const pending = useRef<{ fx: number; fy: number; x: number; y: number } | null>(null);
  const scale = ZOOMS[zoom]!;

  function zoomTo(next: number, anchor: Anchor) {
    const element = stage.current;
    const target = clampZoom(next);
    if (!element || target === zoom) return;
    const box = element.getBoundingClientRect();
    const x = anchor ? anchor.clientX - box.left : box.width / 2;
    const y = anchor ? anchor.clientY - box.top : box.height / 2;
    pending.current = { fx: (element.scrollLeft + x) / element.scrollWidth, fy: (element.scrollTop + y) / element.scrollHeight, x, y };
    if (zoom === 0) setFitHeight(element.clientHeight);
    if (target === 0) setFitHeight(null);
    setZoom(target);
  }
  // The listeners below are registered once; they reach the current zoom and zoomTo through refs.
  const zoomRef = useRef(zoomTo);
  const zoomLevel = useRef(zoom);
  useLayoutEffect(() => {
    zoomRef.current = zoomTo;
    zoomLevel.current = zoom;
  });

  // After the image has its new size, scroll so the anchored point is back under the pointer.
  useLayoutEffect(() => {
    const element = stage.current;
    const anchor = pending.current;
    if (!element || !anchor) return;
    pending.current = null;
    element.scrollLeft = anchor.fx * element.scrollWidth - anchor.x;
    element.scrollTop = anchor.fy * element.scrollHeight - anchor.y;
  }, [zoom]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typingInto(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const go = (href: string | null) => href && (event.preventDefault(), router.push(href, { scroll: false }));
      if (event.key === "ArrowLeft") go(newerHref);
      else if (event.key === "ArrowRight") go(olderHref);
      else if (event.key === "Escape") go(backHref);
      else if (event.key === "+" || event.key === "=") zoomRef.current(zoomLevel.current + 1, null);
      else if (event.key === "-") zoomRef.current(zoomLevel.current - 1, null);
      else if (event.key === "0") zoomRef.current(0, null);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, newerHref, olderHref, backHref]);

  // Ctrl/⌘ + wheel (a trackpad pinch arrives as that too) zooms at the pointer; a plain wheel pans the zoomed
  // image. React's onWheel is passive and can't keep the browser from zooming the whole page, so listen natively.
  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    function onWheel(event: WheelEvent) {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      zoomRef.current(zoomLevel.current + (event.deltaY < 0 ? 1 : -1), event);
    }
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, []);
  function onImageClick(event: MouseEvent<HTMLButtonElement>) {
    // A keyboard "click" has no pointer position (detail 0): zoom on the middle.
    zoomTo(zoom === 0 ? 2 : 0, event.detail === 0 ? null : event);
  }

  return (
    // min-w-0: the nowrap keyboard hint must not set the figure's minimum width (it truncates instead).
    <figure className="grid min-w-0 gap-2">
      <div
        ref={stage}
        className="relative max-h-[75dvh] overflow-auto rounded-lg border border-border bg-muted/40"
        style={zoom > 0 && fitHeight ? { height: fitHeight } : undefined}
        tabIndex={-1}
        data-testid="viewer-stage"
      >
        <button
          type="button"
          onClick={onImageClick}
          className={cn("block", scale === 1 ? "mx-auto cursor-zoom-in" : "cursor-zoom-out")}
          style={{ width: `${scale * 100}%` }}
          aria-label={scale === 1 ? "Enlarge the image" : "Fit the image"}
        >
          {/* The original through the authorised file route; next/image can't resize what it can't fetch. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={src} alt={alt} width={width} height={height} className="h-auto max-h-none w-full object-contain" />
        </button>
      </div>
      <figcaption className="flex min-w-0 flex-nowrap items-center gap-1 sm:gap-2" data-testid="viewer-toolbar">
        <Button variant="outline" size="icon" onClick={() => zoomTo(zoom - 1, null)} disabled={zoom === 0} aria-label="Zoom out">
          <Minus aria-hidden />
        </Button>
        <output className="w-12 shrink-0 text-center text-sm tabular-nums" aria-label="Zoom level">
          {Math.round(scale * 100)}%
        </output>
        <Button variant="outline" size="icon" onClick={() => zoomTo(zoom + 1, null)} disabled={zoom === ZOOMS.length - 1} aria-label="Zoom in">
          <Plus aria-hidden />
        </Button>
        <span className="hidden min-w-0 flex-1 truncate text-right text-xs text-muted-foreground lg:block">← → browse · + − or Ctrl + scroll zoom · Esc back to the gallery</span>
        <span className="ml-auto lg:hidden" />
        <NavButton href={newerHref} label="Newer image">
          <ChevronLeft aria-hidden />
        </NavButton>
        <NavButton href={olderHref} label="Older image">
          <ChevronRight aria-hidden />
        </NavButton>
        <Button asChild variant="outline" size="icon">
          <Link href={backHref} aria-label="Back to the gallery">
            <X aria-hidden />
          </Link>
        </Button>
      </figcaption>
    </figure>
  );
}

function NavButton({ href, label, children }: { href: string | null; label: string; children: ReactNode }) {
  if (!href) {
    return (
      <Button variant="outline" size="icon" disabled aria-label={label}>
        {children}
      </Button>
    );
  }
  return (
    <Button asChild variant="outline" size="icon">
      <Link href={href} aria-label={label} scroll={false}>
        {children}
      </Link>
    </Button>
  );
}
