import type { GalleryItem } from "@/lib/gallery/list-gallery-assets";

/** What a tile needs, and no more: every field crosses to the browser 48 times a page. */
export type GalleryTileItem = Pick<GalleryItem, "id" | "width" | "height" | "kind" | "modelName" | "prompt" | "originalName" | "creatorId" | "creatorName">;

// Long prompts are cut for the tile (its caption shows two lines); the detail page has the whole text.
const PROMPT_CHARS = 200;

export function toTileItem({ id, width, height, kind, modelName, prompt, originalName, creatorId, creatorName }: GalleryItem): GalleryTileItem {
  const short = prompt && prompt.length > PROMPT_CHARS ? `${prompt.slice(0, PROMPT_CHARS)}…` : prompt;
  return { id, width, height, kind, modelName, prompt: short, originalName, creatorId, creatorName };
}
