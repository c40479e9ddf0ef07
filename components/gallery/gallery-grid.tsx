"use client";

import { LoaderCircle } from "lucide-react";
import { useState, type MouseEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { GallerySelectionBar } from "./gallery-selection-bar";
import { GalleryTile } from "./gallery-tile";
import type { GalleryItem } from "@/lib/gallery/list-gallery-assets";
import { toTileItem, type GalleryTileItem } from "./gallery-types";

type Props = {
  workspaceSlug: string;
  /** The active filters as a query string: kept by "Load more" and by links to each image. */
  filtersQuery: string;
  initialItems: GalleryTileItem[];
  initialCursor: string | null;
  userId: string;
  canDeleteAny: boolean;
};

type PageResponse = { items: GalleryItem[]; nextCursor: string | null };

function withQuery(path: string, ...parts: string[]): string {
  const query = parts.filter(Boolean).join("&");
  return query ? `${path}?${query}` : path;
}

/** The thumbnails, "Load more" (keyset pages appended in place) and the multi-select mode. */
export function GalleryGrid({ workspaceSlug, filtersQuery, initialItems, initialCursor, userId, canDeleteAny }: Props) {
  const [items, setItems] = useState(initialItems);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const base = `/${workspaceSlug}/gallery`;
  const cursorParam = (c: string) => `cursor=${encodeURIComponent(c)}`;

  async function loadMore(event: MouseEvent) {
    if (!cursor) return;
    // The link works without JavaScript (it opens that page); with it, the next page is appended here.
    event.preventDefault();
    setLoading(true);
    setLoadError(null);
    try {
      const response = await fetch(withQuery("/api/gallery/assets", `workspace=${encodeURIComponent(workspaceSlug)}`, filtersQuery, cursorParam(cursor)));
      if (!response.ok) throw new Error(String(response.status));
      const page = (await response.json()) as PageResponse;
      setItems((current) => {
        const seen = new Set(current.map((c) => c.id));
        return [...current, ...page.items.filter((item) => !seen.has(item.id)).map(toTileItem)];
      });
      setCursor(page.nextCursor);
    } catch {
      setLoadError("Couldn't load more images. Check your connection and try again.");
    } finally {
      setLoading(false);
    }
  }

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  function onDeleted(ids: string[]) {
    setItems((current) => current.filter((item) => !ids.includes(item.id)));
    setSelected(new Set());
  }

  const chosen = items.filter((item) => selected.has(item.id));
  const notMine = canDeleteAny ? 0 : chosen.filter((item) => item.creatorId !== userId).length;

  return (
    <section aria-label="Images" className="grid gap-4">
      <GallerySelectionBar
        workspaceSlug={workspaceSlug}
        selecting={selecting}
        onSelectingChange={(on) => {
          setSelecting(on);
          if (!on) setSelected(new Set());
        }}
        selectedIds={chosen.map((item) => item.id)}
        allSelected={items.length > 0 && chosen.length === items.length}
        onSelectAll={(all) => setSelected(new Set(all ? items.map((item) => item.id) : []))}
        notDeletable={notMine}
        onDeleted={onDeleted}
      />
      {items.length ? (
        // The last, invisible item takes the last row's spare room, so its tiles keep their size.
        <ul className="flex flex-wrap gap-3 [--tile-row:8rem] after:h-0 after:grow-[999] after:content-[''] sm:[--tile-row:11rem]">
          {items.map((item) => (
            <GalleryTile
              key={item.id}
              item={item}
              href={withQuery(`${base}/${item.id}`, filtersQuery)}
              selecting={selecting}
              selected={selected.has(item.id)}
              onToggle={toggle}
            />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">Every image on this page was deleted.</p>
      )}
      {loadError ? <Alert variant="destructive">{loadError}</Alert> : null}
      {cursor ? (
        <div className="flex justify-center">
          <Button asChild variant="outline" aria-disabled={loading}>
            <a href={withQuery(base, filtersQuery, cursorParam(cursor))} onClick={loadMore}>
              {loading ? <LoaderCircle className="animate-spin" aria-hidden /> : null}
              {loading ? "Loading…" : "Load more"}
            </a>
          </Button>
        </div>
      ) : items.length ? (
        <p className="text-center text-xs text-muted-foreground">That&apos;s every image{filtersQuery ? " matching these filters" : ""}.</p>
      ) : null}
    </section>
  );
}
