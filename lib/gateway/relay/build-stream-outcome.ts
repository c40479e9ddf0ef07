import type { ChatStreamObserver } from "@/lib/gateway/sse/create-chat-stream-observer";
import type { RelayOutcome } from "./relay-types";

/** Output the caller received: any content text (progress lines included) or a recognised image. */
export function hasRelayedOutput(observer: ChatStreamObserver): boolean {
  return observer.textChars > 0 || observer.images.length > 0;
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
    textChars: observer.textChars,
    upstreamId: observer.id ?? null,
    callerAborted: extra.callerAborted ?? false,
  };
  if (extra.reason) outcome.reason = extra.reason;
  return outcome;
}
