import "server-only";
import { logger } from "@/lib/log/logger";
import type { SettledCall } from "./core/settle-call";

export type GatewayCallLog = {
  requestId: string;
  startedAt: number;
  keyId?: string;
  workspaceId?: string;
  model?: string;
  stream?: boolean;
  status?: number;
  replayed?: boolean;
  settled?: (SettledCall & { settled: boolean }) | null;
};

/** One structured line per request: ids, model, status, tokens, credits, latency. Never the key or payloads. */
export function logGatewayCall(entry: GatewayCallLog): void {
  const { settled, startedAt, ...rest } = entry;
  logger.info(
    {
      ...rest,
      usageStatus: settled?.usageStatus,
      promptTokens: settled?.promptTokens ?? undefined,
      completionTokens: settled?.completionTokens ?? undefined,
      credits: settled?.charge,
      latencyMs: Date.now() - startedAt,
    },
    "gateway call",
  );
}
