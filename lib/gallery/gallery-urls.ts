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

// The studio reads `input` (repeatable, in order), `model` and `prompt` from its URL.
function studioUrl(workspaceSlug: string, pairs: [string, string | null][]): string {
  // encodeURIComponent (%20, not "+"): every URL parser reads it back the same.
  const query = pairs.filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`);
  return `/${workspaceSlug}?${query.join("&")}`;
}

/** The studio with this image as its only input and an empty prompt: a new edit of it. */
export function editResultUrl(workspaceSlug: string, assetId: string): string {
  return studioUrl(workspaceSlug, [["input", assetId]]);
}

/** The studio set up as this edit was: the same inputs in order, model and prompt. */
export function runAgainUrl(workspaceSlug: string, job: { inputIds: string[]; model: string; prompt: string }): string {
  return studioUrl(workspaceSlug, [...job.inputIds.map((id): [string, string] => ["input", id]), ["model", job.model], ["prompt", job.prompt]]);
}
