import type { GalleryItem } from "@/lib/gallery/list-gallery-assets";

/** What a tile needs, and no more: every field crosses to the browser 48 times a page. */
export type GalleryTileItem = Pick<GalleryItem, "id" | "width" | "height" | "kind" | "model" | "creatorId" | "creatorName">;

export function toTileItem({ id, width, height, kind, model, creatorId, creatorName }: GalleryItem): GalleryTileItem {
  return { id, width, height, kind, model, creatorId, creatorName };
}
