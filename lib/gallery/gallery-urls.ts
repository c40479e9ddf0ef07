// The URLs the gallery links to. The file route (app/api/files/[assetId]) authorises every request itself.

export const thumbUrl = (assetId: string) => `/api/files/${assetId}?thumb=1`;
export const fileUrl = (assetId: string) => `/api/files/${assetId}`;
export const downloadUrl = (assetId: string) => `/api/files/${assetId}?download=1`;

export function galleryUrl(workspaceSlug: string, query = ""): string {
  return `/${workspaceSlug}/gallery${query ? `?${query}` : ""}`;
}

export function assetUrl(workspaceSlug: string, assetId: string, query = ""): string {
  return `/${workspaceSlug}/gallery/${assetId}${query ? `?${query}` : ""}`;
}

/** The studio with this image as input and the job's settings (the studio reads input, model and prompt). */
export function editAgainUrl(workspaceSlug: string, asset: { id: string; model: string | null; prompt: string | null }): string {
  // encodeURIComponent (%20, not "+"): every URL parser reads it back the same.
  const pairs: [string, string | null][] = [["input", asset.id], ["model", asset.model], ["prompt", asset.prompt]];
  const query = pairs.filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`);
  return `/${workspaceSlug}?${query.join("&")}`;
}
