import "server-only";
import { admit, countAndAdmit, type AdmitInput } from "@/lib/billing/admit";
import { holdAmount } from "@/lib/billing/price-call";
import type { CatalogModel, ModelPrices } from "../catalog/catalog-model";
import { GatewayError } from "../gateway-error";
import type { RateLimitCount, RateLimitHeaders } from "../limits/rate-limit-key";
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
  /**
   * Count the request against its key's rate limit in the same round trip (API calls): a request over the limit
   * gets the limiter's 429 and is not admitted; `onRateLimitHeaders` receives the headers before any refusal.
   */
  rateLimit?: { count: RateLimitCount; onHeaders(headers: RateLimitHeaders): void };
}): Promise<AdmittedCall> {
  const promptEstimate = estimatePromptTokens(input.request);
  const amount = holdAmount(input.model.prices, { n: input.request.n ?? 1, promptEstimate });
  const startedAt = Date.now();
  const admitInput: AdmitInput = {
    ...input.payer,
    amount,
    prices: input.model.prices,
    requestId: input.requestId,
    source: input.source,
    model: input.model.id,
  };
  let admission;
  if (input.rateLimit) {
    const { count, onHeaders } = input.rateLimit;
    const result = await countAndAdmit(count, admitInput);
    onHeaders(await count.judge(result.counted)); // throws the 429 when over the limit
    if (!result.admission) throw new Error("a request within its rate limit was not judged for admission");
    admission = result.admission;
  } else {
    admission = await admit(admitInput);
  }
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
