import type { ModelPrices } from "@/lib/gateway/catalog/catalog-model";

// The spec's Accounting section, as pure arithmetic on integer credits.

/** Hold = n × (per_request + per_image) + ceil(prompt × per_1k_prompt / 1000) + ceil(ceiling × per_1k_completion / 1000). */
export function holdAmount(prices: ModelPrices, input: { n: number; promptEstimate: number }): number {
  return (
    input.n * (prices.perRequest + prices.perImage) +
    Math.ceil((input.promptEstimate * prices.per1kPrompt) / 1000) +
    Math.ceil((prices.tokenCeiling * prices.per1kCompletion) / 1000)
  );
}

/** Charge = per_request + per_image × images + ceil(prompt × per_1k_prompt / 1000) + ceil(completion × per_1k_completion / 1000). */
export function chargeAmount(
  prices: ModelPrices,
  used: { images: number; promptTokens: number; completionTokens: number },
): number {
  return (
    prices.perRequest +
    prices.perImage * used.images +
    Math.ceil((used.promptTokens * prices.per1kPrompt) / 1000) +
    Math.ceil((used.completionTokens * prices.per1kCompletion) / 1000)
  );
}
