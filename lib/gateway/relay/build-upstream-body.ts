import type { RelayInput } from "./relay-types";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The caller's body as sent upstream: `model` replaced by the upstream name (in place, so the key order stays),
 * and, for streams only, `stream_options.include_usage: true` with the caller's other stream options kept (usage is
 * what settlement charges from). Non-stream bodies never get `stream_options`: OpenAI rejects it there.
 */
export function buildUpstreamBody(input: Pick<RelayInput, "body" | "upstreamModel" | "stream">): Buffer {
  const body: Record<string, unknown> = { ...input.body, model: input.upstreamModel };
  if (input.stream) {
    body.stream = true;
    const callerOptions = isRecord(input.body.stream_options) ? input.body.stream_options : {};
    body.stream_options = { ...callerOptions, include_usage: true };
  }
  return Buffer.from(JSON.stringify(body));
}
