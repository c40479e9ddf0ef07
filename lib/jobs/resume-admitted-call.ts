import "server-only";
import type { CatalogModel } from "@/lib/gateway/catalog/catalog-model";
import { getCatalogModel } from "@/lib/gateway/catalog/get-catalog-model";
import type { AdmittedCall } from "@/lib/gateway/core/admit-call";
import { estimatePromptTokens } from "@/lib/gateway/request/estimate-prompt-tokens";
import type { ChatRequest } from "@/lib/gateway/request/chat-request-schema";
import type { ClaimedHold } from "./claim-edit-job";

/**
 * The admitted call a job carries, rebuilt from the hold its pickup claimed (prices as snapshotted at
 * submission), so a job picked up again after a restart settles the same hold it was admitted with. Null when
 * the model is gone.
 */
export async function resumeAdmittedCall(job: { requestId: string; usageRecordId: string | null; model: string }, hold: ClaimedHold, request: ChatRequest): Promise<AdmittedCall | null> {
  if (!job.usageRecordId) return null;
  const catalog = await getCatalogModel(job.model);
  if (!catalog) return null;
  const model: CatalogModel = { ...catalog, usable: true };
  return {
    requestId: job.requestId,
    holdId: hold.holdId,
    usageRecordId: job.usageRecordId,
    holdAmount: hold.amount,
    prices: hold.prices,
    promptEstimate: estimatePromptTokens(request),
    model,
    startedAt: Date.now(),
  };
}
