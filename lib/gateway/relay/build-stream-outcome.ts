import type { ChatStreamObserver } from "@/lib/gateway/sse/create-chat-stream-observer";
import type { RelayOutcome } from "./relay-types";

/**
 * Whether a stream that ended early produced something to pay for: output the caller received (content text,
 * progress lines included; reasoning, refusals, tool calls; a recognised image), or the upstream's usage, which it
 * sends once the generation is done and bills by.
 */
export function hasBillableOutput(observer: ChatStreamObserver): boolean {
  return observer.textChars > 0 || observer.otherOutputChars > 0 || observer.images.length > 0 || observer.usage !== undefined;
}

/** A stream's outcome from what its observer saw. */
export function buildStreamOutcome(
  observer: ChatStreamObserver,
  kind: RelayOutcome["kind"],
  extra: { callerAborted?: boolean; reason?: string } = {},
): RelayOutcome {
  const outcome: RelayOutcome = {
    kind,
    usage: observer.usage ?? null,
    images: observer.images.length,
    textChars: observer.textChars + observer.otherOutputChars,
    upstreamId: observer.id ?? null,
    callerAborted: extra.callerAborted ?? false,
  };
  if (extra.reason) outcome.reason = extra.reason;
  return outcome;
}
