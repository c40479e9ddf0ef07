import type { ImageExtractorOptions } from "@/lib/gateway/images/image-reference";
import type { TokenUsage } from "@/lib/gateway/usage/parse-usage";

/** What happened to one relayed call, resolved once the caller has everything (or the call ended early). */
export type RelayOutcome = {
  /**
   * completed: the whole response reached the caller; failed: nothing billable was produced (upstream
   * error, error event before any output); cut: the stream ended early after output was relayed
   * (caller disconnect, upstream break, error after output).
   */
  kind: "completed" | "failed" | "cut";
  /** Usage exactly as the upstream sent it, when it did. */
  usage: TokenUsage | null;
  /** Distinct output images seen in what was relayed. */
  images: number;
  /**
   * Output characters relayed: content text (excluding inline base64), reasoning, refusals and tool calls, for
   * estimating completion tokens without usage.
   */
  textChars: number;
  upstreamId: string | null;
  /** True when the caller went away before the end. */
  callerAborted: boolean;
  /** For logs: why a failed/cut call ended. */
  reason?: string;
};

export type RelayInput = {
  /** The caller's parsed JSON body; relay sends it with `model` replaced by the upstream name. */
  body: Record<string, unknown>;
  publicModel: string;
  upstreamModel: string;
  stream: boolean;
  /** Whether the caller asked for the usage chunk (stream_options.include_usage). */
  callerWantsUsage: boolean;
  requestId: string;
  /** Aborted when the caller disconnects. */
  signal: AbortSignal;
  /**
   * Receives the response's images as they pass (data images' bytes streamed to a sink), e.g. to archive API
   * results in the gallery. It only watches: the caller's bytes are never delayed or changed for it.
   */
  imageCapture?: ImageExtractorOptions;
  /**
   * darkroom-local only: wait for a free render slot instead of answering 503 (a studio job, already queued and
   * bounded by the worker's concurrency).
   */
  waitForCapacity?: boolean;
};

/**
 * The relay's answer: the response to send (status 200, headers, body) once the 200 is committed, and the
 * outcome for settlement. Errors before the commit are thrown as GatewayError instead.
 */
export type RelayResult = {
  response: Response;
  outcome: Promise<RelayOutcome>;
  /** A non-stream answer's body as the relay already holds it (the same bytes as `response`'s), so the route need not read it back. */
  bytes?: Uint8Array;
};
