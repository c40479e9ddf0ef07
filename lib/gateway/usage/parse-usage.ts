/** The upstream's token counts, copied exactly (never recomputed) into the usage record. */
export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * An OpenAI `usage` object, or undefined when it is missing or not usable. `total_tokens` is taken as sent; only
 * when an upstream omits it is it the sum of the other two.
 */
export function parseUsage(value: unknown): TokenUsage | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const prompt = count(raw.prompt_tokens);
  const completion = count(raw.completion_tokens);
  if (prompt === undefined || completion === undefined) return undefined;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: count(raw.total_tokens) ?? prompt + completion };
}
