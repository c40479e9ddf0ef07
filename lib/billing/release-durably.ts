import "server-only";
import { releaseSettlement } from "./settle";
import { settleDurably } from "./settle-durably";

/** Releases a hold in full with nothing charged (the call failed before producing anything), durably. */
export function releaseDurably(requestId: string, holdId: string, usageStatus: "failed" | "cancelled", latencyMs: number | null = null): Promise<boolean> {
  return settleDurably(requestId, releaseSettlement(holdId, usageStatus, latencyMs));
}
