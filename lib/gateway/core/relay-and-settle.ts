import "server-only";
import { keepHoldAlive } from "@/lib/billing/keep-holds-alive";
import { releaseDurably } from "@/lib/billing/release-durably";
import { env } from "@/lib/env";
import { relayChatCompletion } from "../relay/relay-chat-completion";
import type { RelayInput, RelayOutcome } from "../relay/relay-types";
import type { AdmittedCall } from "./admit-call";
import { runLocalCall } from "./run-local-call";
import { settleCall, type SettledCall } from "./settle-call";

export type RelayedCall = {
  response: Response;
  outcome: Promise<RelayOutcome>;
  /** Resolves once the hold is closed (charge written, usage record finished), however long that takes. Never rejects. */
  settled: Promise<(SettledCall & { settled: boolean }) | null>;
  /** A non-stream body the relay already holds (see RelayResult). */
  bytes?: Uint8Array;
};

const RELEASE_WAIT_MS = 1_500;

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
    stopHeartbeat(); // first: the release keeps the hold alive itself until it commits
    const released = releaseDurably(call.requestId, call.holdId, input.signal.aborted ? "cancelled" : "failed", Date.now() - call.startedAt);
    // The caller's error answer waits for the release as long as the database answers promptly (the books are
    // then final when it arrives), not through an outage: the release is journaled and goes on retrying.
    await Promise.race([released, new Promise((resolve) => setTimeout(resolve, RELEASE_WAIT_MS).unref())]);
    throw error;
  }
  const settled = result.outcome
    .then((outcome) => settleCall(call, outcome)) // durable: journaled, retried until the database answers
    .finally(stopHeartbeat);
  return { response: result.response, outcome: result.outcome, settled, bytes: result.bytes };
}
