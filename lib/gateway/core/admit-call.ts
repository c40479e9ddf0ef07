import "server-only";
import { admit } from "@/lib/billing/admit";
import { holdAmount } from "@/lib/billing/price-call";
import { resultsPerCall } from "@/lib/billing/results-per-call";
import type { CatalogModel, ModelPrices } from "../catalog/catalog-model";
import { GatewayError } from "../gateway-error";
import type { ChatRequest } from "../request/chat-request-schema";
import { estimatePromptTokens } from "../request/estimate-prompt-tokens";

/** Who pays for a call: the workspace, the member whose monthly limit applies, and the key if any. */
export type Payer = { workspaceId: string; membershipId: string; userId: string; apiKeyId: string | null };

export type AdmittedCall = {
  requestId: string;
  holdId: string;
  usageRecordId: string;
  holdAmount: number;
  prices: ModelPrices;
  promptEstimate: number;
  model: CatalogModel;
  startedAt: number;
};

/**
 * Admission: sizes the hold from the model's prices (snapshotted on the hold) and places it atomically with
 * the pending usage record. The studio calls this once per job at submission; the API once per request.
 */
export async function admitCall(input: {
  requestId: string;
  payer: Payer;
  model: CatalogModel;
  request: ChatRequest;
  source: "api" | "studio";
}): Promise<AdmittedCall> {
  const promptEstimate = estimatePromptTokens(input.request);
  const inputImages = input.request.messages.reduce(
    (count, message) => count + (Array.isArray(message.content) ? message.content.filter((part) => part.type === "image_url").length : 0),
    0,
  );
  const n = resultsPerCall(input.model.provider, { n: input.request.n ?? 1, inputImages });
  const amount = holdAmount(input.model.prices, { n, promptEstimate });
  const startedAt = Date.now();
  const admission = await admit({
    ...input.payer,
    amount,
    prices: input.model.prices,
    requestId: input.requestId,
    source: input.source,
    model: input.model.id,
  });
  if (!admission.ok) {
    switch (admission.refusal) {
      case "key_revoked":
        throw new GatewayError("invalid_api_key", "Incorrect API key provided.");
      case "workspace_suspended":
        throw new GatewayError("workspace_suspended", "This workspace is suspended.");
      case "member_limit":
        throw new GatewayError("insufficient_quota", `Your monthly credit limit in this workspace is reached (this request needs ${amount} credits).`, {
          headers: { "x-should-retry": "false" },
        });
      default:
        throw new GatewayError("insufficient_quota", `The workspace does not have enough credits for this request (it needs ${amount}).`, {
          headers: { "x-should-retry": "false" },
        });
    }
  }
  return {
    requestId: input.requestId,
    holdId: admission.holdId,
    usageRecordId: admission.usageRecordId,
    holdAmount: amount,
    prices: input.model.prices,
    promptEstimate,
    model: input.model,
    startedAt,
  };
}
