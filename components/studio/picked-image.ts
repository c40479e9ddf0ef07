import { assetFileUrl } from "@/lib/assets/asset-urls";
import type { RecentAsset } from "@/lib/assets/recent-asset";

/** An image the studio can put into an edit: a fresh upload, a gallery image or a result. */
export type PickedImage = {
  id: string;
  label: string;
  /** A local preview for a fresh upload, else the file route's thumbnail. */
  thumbUrl: string;
  /** For showing it large: the local preview of a fresh upload, else the original through the file route. */
  fullUrl?: string;
  width?: number;
  height?: number;
};

export function pickedFromAsset(asset: RecentAsset): PickedImage {
  return {
    id: asset.id,
    label: asset.name ?? `${asset.kind === "result" ? "Result" : "Image"} ${asset.width}×${asset.height}`,
    thumbUrl: assetFileUrl(asset.id, { thumb: true }),
    fullUrl: assetFileUrl(asset.id),
    width: asset.width,
    height: asset.height,
  };
}
