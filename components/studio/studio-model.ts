import type { ModelPrices } from "@/lib/gateway/catalog/catalog-model";

/** A model the studio offers: usable right now, with the prices the estimate needs. */
export type StudioModel = { id: string; displayName: string; provider: "upstream" | "local"; prices: ModelPrices };
