import "server-only";
import { keepHoldAlive } from "@/lib/billing/keep-holds-alive";
import { release } from "@/lib/billing/settle";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { relayChatCompletion } from "../relay/relay-chat-completion";
import type { RelayInput, RelayOutcome } from "../relay/relay-types";
import type { AdmittedCall } from "./admit-call";
import { runLocalCall } from "./run-local-call";
import { settleCall, type SettledCall } from "./settle-call";

export type RelayedCall = {
  response: Response;
  outcome: Promise<RelayOutcome>;
  /** Resolves once the hold is closed (charge written, usage record finished). Never rejects. */
  settled: Promise<(SettledCall & { settled: boolean }) | null>;
  /** A non-stream body the relay already holds (see RelayResult). */
  bytes?: Uint8Array;
};

async function withRetries<T>(what: string, attempt: () => Promise<T>): Promise<T | null> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i === 3) {
        // The hold stays open; the sweeper releases it after HOLD_EXPIRY_MS, so the books still balance.
        logger.error({ err: error }, `${what} failed after retries`);
        return null;
      }
      await new Promise((r) => setTimeout(r, 200 * 2 ** i));
    }
  }
}

/**
 * The second half of every model call, shared by the API and studio jobs: run the model (the upstream relay or
 * darkroom-local) for an admitted call, keep its hold alive meanwhile, and settle it from the outcome on every
 * path. A failure before the response is committed releases the hold in full and rethrows.
 */
export async function relayAndSettle(call: AdmittedCall, input: RelayInput): Promise<RelayedCall> {
  const stopHeartbeat = keepHoldAlive(call.holdId, env.HOLD_EXPIRY_MS);
  let result;
  try {
    result = call.model.provider === "local" ? await runLocalCall(input) : await relayChatCompletion(input);
  } catch (error) {
    await withRetries("release", () => release(call.holdId, input.signal.aborted ? "cancelled" : "failed", Date.now() - call.startedAt));
    stopHeartbeat();
    throw error;
  }
  const settled = result.outcome
    .then((outcome) => withRetries("settle", () => settleCall(call, outcome)))
    .finally(stopHeartbeat);
  return { response: result.response, outcome: result.outcome, settled, bytes: result.bytes };
}
