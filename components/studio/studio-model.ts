import type { ModelPrices } from "@/lib/gateway/catalog/catalog-model";

/** A model the studio offers: usable right now, with what the picker shows and the prices the estimate needs. */
export type StudioModel = {
  id: string;
  displayName: string;
  provider: "upstream" | "local";
  description: string;
  typicalSeconds: number | null;
  prices: ModelPrices;
};
