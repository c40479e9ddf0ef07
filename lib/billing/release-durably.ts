import "server-only";
import { settleDurably } from "./settle-durably";

/** Releases a hold in full with nothing charged (the call failed before producing anything), durably. */
export function releaseDurably(requestId: string, holdId: string, usageStatus: "failed" | "cancelled", latencyMs: number | null = null): Promise<boolean> {
  return settleDurably(requestId, {
    holdId,
    charge: 0,
    holdStatus: "released",
    usageStatus,
    promptTokens: null,
    completionTokens: null,
    totalTokens: null,
    usageSource: null,
    images: 0,
    latencyMs,
    upstreamId: null,
  });
}
