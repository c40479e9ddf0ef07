import "server-only";
import { callerAbortError, createUpstreamCall } from "./create-upstream-call";
import { resolveRelayConfig, type RelayConfig } from "./resolve-relay-config";
import { relayNonStream } from "./relay-non-stream";
import { relayStream } from "./relay-stream";
import type { RelayInput, RelayResult } from "./relay-types";

export type { RelayConfig } from "./resolve-relay-config";

/**
 * Sends one admitted chat completion to the upstream and relays the answer (see the spec's "Response" sections
 * and "The upstream"). Resolves once the 200 is committed, with the response and an outcome promise that always
 * resolves, exactly once. Rejects before the commit: a GatewayError (502 upstream_error, 504 upstream_timeout),
 * or an AbortError when the caller has gone (the route then just releases the hold). `config` overrides the
 * environment's settings.
 */
export async function relayChatCompletion(input: RelayInput, config?: Partial<RelayConfig>): Promise<RelayResult> {
  const resolved = resolveRelayConfig(config);
  if (input.signal.aborted) throw callerAbortError();
  const call = createUpstreamCall(input.signal, resolved.totalTimeoutMs);
  return input.stream ? relayStream(input, resolved, call) : relayNonStream(input, resolved, call);
}
