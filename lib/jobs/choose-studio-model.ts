import type { ModelPrices } from "@/lib/gateway/catalog/catalog-model";
import { estimateEditCredits } from "./estimate-edit-credits";

type Choice = { id: string; provider: "upstream" | "local"; prices: ModelPrices; typicalSeconds: number | null };

/**
 * The model the studio starts with: the one asked for (a link), else the person's last one, else for a newcomer
 * the cheapest provider model for a typical edit (faster first on a tie), or the offline model when no provider
 * model is usable. Only usable models are passed in.
 */
export function chooseStudioModel(models: readonly Choice[], preferred: readonly (string | null | undefined)[]): string {
  for (const id of preferred) if (id && models.some((m) => m.id === id)) return id;
  const typical = (m: Choice) => estimateEditCredits(m, { promptChars: 60, images: 1, n: 1 });
  const upstream = models
    .filter((m) => m.provider === "upstream")
    .sort((a, b) => typical(a) - typical(b) || (a.typicalSeconds ?? Infinity) - (b.typicalSeconds ?? Infinity));
  return (upstream[0] ?? models.find((m) => m.provider === "local") ?? models[0])?.id ?? "";
}
