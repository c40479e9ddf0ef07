import { holdAmount } from "@/lib/billing/price-call";
import { resultsPerCall } from "@/lib/billing/results-per-call";
import type { ModelPrices } from "@/lib/gateway/catalog/catalog-model";
import { PROMPT_TOKENS_PER_IMAGE } from "@/lib/models/darkroom-local/count-local-tokens";

/**
 * Credits an edit will hold at submission (the same rule admission applies), for the studio to show before
 * submitting. Pure: safe in the browser.
 */
export function estimateEditCredits(
  model: { provider: string; prices: ModelPrices },
  input: { promptChars: number; images: number; n?: number },
): number {
  const promptEstimate = Math.ceil(input.promptChars / 4) + input.images * PROMPT_TOKENS_PER_IMAGE;
  const n = resultsPerCall(model.provider, { n: input.n ?? 1, inputImages: input.images });
  return holdAmount(model.prices, { n, promptEstimate });
}
