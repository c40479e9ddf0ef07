import { estimateEditCredits } from "@/lib/jobs/estimate-edit-credits";
import type { StudioModel } from "./studio-model";

const credits = (n: number) => `${n.toLocaleString("en-US")} credit${n === 1 ? "" : "s"}`;

function typicalTime(seconds: number | null): string | null {
  if (seconds === null) return null;
  return seconds < 90 ? `about ${Math.max(1, Math.round(seconds))} s` : `about ${Math.round(seconds / 60)} min`;
}

/** The picker's facts for a model: typical time and the most one image, one result can cost. */
export function modelFacts(model: StudioModel): string {
  const price = `up to ${credits(estimateEditCredits(model, { promptChars: 60, images: 1, n: 1 }))} an image`;
  return [typicalTime(model.typicalSeconds), price].filter(Boolean).join(" · ");
}

/** What "variations" does with this model, said plainly: the offline model edits each image on its own. */
export function variationsMeaning(model: StudioModel | undefined, n: number, images: number): string {
  if (model?.provider === "local") {
    const each = `${n} result${n === 1 ? "" : "s"} per image`;
    return images > 1 ? `Edits each image on its own: ${each}, up to ${n * images} in all.` : `${each}.`;
  }
  return images > 1 ? `${n} result${n === 1 ? "" : "s"}, each using all ${images} images.` : `${n} result${n === 1 ? "" : "s"}.`;
}
