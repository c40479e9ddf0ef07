import "server-only";
import { db } from "@/lib/db/client";
import type { CatalogModel, ModelPrices } from "@/lib/gateway/catalog/catalog-model";
import { getCatalogModel } from "@/lib/gateway/catalog/get-catalog-model";
import type { AdmittedCall } from "@/lib/gateway/core/admit-call";
import { estimatePromptTokens } from "@/lib/gateway/request/estimate-prompt-tokens";
import type { ChatRequest } from "@/lib/gateway/request/chat-request-schema";

/**
 * The admitted call a job carries, rebuilt from its hold (prices as snapshotted at submission), so a job
 * picked up again after a restart settles the same hold it was admitted with. Null when the hold is no
 * longer open (the sweeper released it) or the model is gone.
 */
export async function resumeAdmittedCall(job: { requestId: string; holdId: string | null; usageRecordId: string | null; model: string }, request: ChatRequest): Promise<AdmittedCall | null> {
  if (!job.holdId || !job.usageRecordId) return null;
  const hold = await db.hold.findUnique({ where: { id: job.holdId }, select: { status: true, amount: true, prices: true } });
  if (!hold || hold.status !== "open") return null;
  const catalog = await getCatalogModel(job.model);
  if (!catalog) return null;
  const model: CatalogModel = { ...catalog, usable: true };
  return {
    requestId: job.requestId,
    holdId: job.holdId,
    usageRecordId: job.usageRecordId,
    holdAmount: hold.amount,
    prices: hold.prices as ModelPrices,
    promptEstimate: estimatePromptTokens(request),
    model,
    startedAt: Date.now(),
  };
}
