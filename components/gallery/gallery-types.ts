import type { GalleryItem } from "@/lib/gallery/list-gallery-assets";

/** A gallery item as it crosses to the browser (JSON has no Date). */
export type GalleryTileItem = Omit<GalleryItem, "createdAt"> & { createdAt: string };

export function toTileItem(item: GalleryItem): GalleryTileItem {
  return { ...item, createdAt: item.createdAt.toISOString() };
}
