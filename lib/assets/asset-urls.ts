// Where the browser reads an asset: always through the membership-checked file route, never a storage URL.

/** The original (`download`: as an attachment), or its WebP thumbnail (`thumb`). */
export function assetFileUrl(assetId: string, options: { thumb?: boolean; download?: boolean } = {}): string {
  const query = options.thumb ? "?thumb=1" : options.download ? "?download=1" : "";
  return `/api/files/${encodeURIComponent(assetId)}${query}`;
}

/** The asset's page in the gallery (prompt, lineage, edit again). */
export function galleryAssetUrl(workspaceSlug: string, assetId: string): string {
  return `/${encodeURIComponent(workspaceSlug)}/gallery/${encodeURIComponent(assetId)}`;
}
