import "server-only";
import { chargeAmount } from "@/lib/billing/price-call";
import { settleDurably } from "@/lib/billing/settle-durably";
import { COMPLETION_TOKENS_PER_IMAGE } from "@/lib/models/darkroom-local/count-local-tokens";
import type { RelayOutcome } from "../relay/relay-types";
import type { AdmittedCall } from "./admit-call";

export type SettledCall = {
  charge: number;
  usageStatus: "succeeded" | "failed" | "cancelled" | "partial";
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  usageSource: "upstream" | "estimated" | null;
};

/** What the relay outcome costs, per the spec's Settlement and "Stream cut short" rules. */
export function priceOutcome(call: AdmittedCall, outcome: RelayOutcome): SettledCall {
  const produced = outcome.images > 0 || outcome.textChars > 0 || outcome.usage !== null;
  if (outcome.kind === "failed" || (outcome.kind === "cut" && !produced)) {
    return { charge: 0, usageStatus: outcome.callerAborted ? "cancelled" : "failed", promptTokens: null, completionTokens: null, totalTokens: null, usageSource: null };
  }
  const estimated = outcome.usage === null;
  const promptTokens = outcome.usage?.prompt_tokens ?? call.promptEstimate;
  const completionTokens =
    outcome.usage?.completion_tokens ?? Math.ceil(outcome.textChars / 4) + outcome.images * COMPLETION_TOKENS_PER_IMAGE;
  const totalTokens = outcome.usage?.total_tokens ?? promptTokens + completionTokens;
  let charge = chargeAmount(call.prices, { images: outcome.images, promptTokens, completionTokens });
  if (outcome.kind === "cut") {
    // Capped at the hold; never zero for output that reached the caller.
    charge = Math.min(Math.max(charge, 1), call.holdAmount);
  }
  return {
    charge,
    usageStatus: outcome.kind === "completed" ? "succeeded" : "partial",
    promptTokens,
    completionTokens,
    totalTokens,
    usageSource: estimated ? "estimated" : "upstream",
  };
}

/**
 * Settles an admitted call from its outcome, durably (journaled, retried through a database outage); returns what
 * was charged (0 if it had already been settled).
 */
export async function settleCall(call: AdmittedCall, outcome: RelayOutcome): Promise<SettledCall & { settled: boolean }> {
  const priced = priceOutcome(call, outcome);
  const settled = await settleDurably(call.requestId, {
    holdId: call.holdId,
    charge: priced.charge,
    holdStatus: priced.charge === 0 ? "released" : "settled",
    usageStatus: priced.usageStatus,
    promptTokens: priced.promptTokens,
    completionTokens: priced.completionTokens,
    totalTokens: priced.totalTokens,
    usageSource: priced.usageSource,
    images: outcome.images,
    latencyMs: Date.now() - call.startedAt,
    upstreamId: outcome.upstreamId,
  });
  return { ...priced, settled };
}
