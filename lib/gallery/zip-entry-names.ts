// File names inside a gallery ZIP: the name the image was uploaded with, else `<model>-<id>.<ext>`; always with
// the extension of the stored file (its real type), never a path, and unique within the archive.

const MAX_STEM = 120;

function cleanStem(stem: string): string {
  const cleaned = stem
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[\\/:*?"<>|]/g, "_")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  return Array.from(cleaned).slice(0, MAX_STEM).join("");
}

export type ZipNameSource = { id: string; originalName: string | null; model: string | null; extension: string };

function baseName(asset: ZipNameSource): { stem: string; ext: string } {
  const fromUpload = asset.originalName ? cleanStem(asset.originalName.replace(/\.[^.]*$/, "")) : "";
  const fallback = cleanStem(`${asset.model ?? "image"}-${asset.id}`) || asset.id;
  return { stem: fromUpload || fallback, ext: asset.extension };
}

/** One name per asset, in order; repeats become `name (2).png`, `name (3).png` (case-insensitively). */
export function zipEntryNames(assets: ZipNameSource[]): string[] {
  const taken = new Set<string>();
  return assets.map((asset) => {
    const { stem, ext } = baseName(asset);
    let name = `${stem}.${ext}`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem} (${n}).${ext}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
