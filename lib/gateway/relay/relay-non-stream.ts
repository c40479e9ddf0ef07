import "server-only";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { createStreamImageExtractor } from "@/lib/gateway/images/create-stream-image-extractor";
import { countOtherOutput } from "@/lib/gateway/sse/count-other-output";
import { rewriteModelInJson } from "@/lib/gateway/sse/rewrite-model";
import { parseUsage } from "@/lib/gateway/usage/parse-usage";
import { buildUpstreamBody } from "./build-upstream-body";
import { brokeOff, classifyUpstreamError } from "./classify-upstream-failure";
import type { UpstreamCall } from "./create-upstream-call";
import { readBodyCapped } from "./read-body-capped";
import type { RelayConfig } from "./resolve-relay-config";
import type { RelayInput, RelayOutcome, RelayResult } from "./relay-types";
import { requestUpstream } from "./request-upstream";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The upstream body as a `chat.completion`, or a 502: garbage, an HTML page, or an error object sent with a 200. */
function parseCompletion(bytes: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new GatewayError("upstream_error", "The upstream provider answered with malformed JSON.");
  }
  if (isRecord(parsed) && isRecord(parsed.error)) {
    throw new GatewayError("upstream_error", "The upstream provider reported an error.");
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.choices)) {
    throw new GatewayError("upstream_error", "The upstream provider answered with an unexpected body.");
  }
  return parsed;
}

/**
 * Distinct images (all four forms) and output characters (inline base64 excluded; reasoning, refusals and tool
 * calls included) of a completion: the same extractor as for streams, each message read like one delta of its
 * choice. Image bytes are hashed, not kept.
 */
function measureCompletion(completion: Record<string, unknown>, input: RelayInput): { images: number; textChars: number } {
  const extractor = createStreamImageExtractor(input.imageCapture);
  let textChars = 0;
  (completion.choices as unknown[]).forEach((choice, position) => {
    if (!isRecord(choice)) return;
    const index = typeof choice.index === "number" ? choice.index : position;
    textChars += extractor.pushDelta(index, choice.message) + countOtherOutput(choice.message);
  });
  extractor.end();
  return { images: extractor.images.length, textChars };
}

async function readCompletionBody(call: UpstreamCall, config: RelayConfig, input: RelayInput): Promise<Buffer> {
  const upstream = await requestUpstream(call, config, buildUpstreamBody(input), "json");
  const announced = Number(upstream.headers["content-length"]);
  let bytes: Buffer | null;
  try {
    bytes = await readBodyCapped(upstream.body, config.maxBodyBytes, Number.isFinite(announced) ? announced : undefined);
  } catch (err) {
    if (call.cause) throw call.abortError();
    const { error } = classifyUpstreamError(err);
    if (error.kind === "upstream_timeout") throw error;
    throw brokeOff(err);
  }
  if (!bytes) throw new GatewayError("upstream_error", "The upstream response was too large.");
  return bytes;
}

/**
 * A non-stream request: the whole upstream body is read (capped), checked, and answered as a 200 whose bytes are
 * the upstream's except the top-level `model`, rewritten to the public id. Every failure rejects (nothing has been
 * sent yet), so the outcome is always `completed`.
 */
export async function relayNonStream(input: RelayInput, config: RelayConfig, call: UpstreamCall): Promise<RelayResult> {
  try {
    const bytes = await readCompletionBody(call, config, input);
    const completion = parseCompletion(bytes);
    const body = rewriteModelInJson(bytes, input.publicModel);
    const outcome: RelayOutcome = {
      kind: "completed",
      usage: parseUsage(completion.usage) ?? null,
      ...measureCompletion(completion, input),
      upstreamId: typeof completion.id === "string" ? completion.id : null,
      callerAborted: false,
    };
    const response = new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers: { "content-type": "application/json" } });
    return { response, outcome: Promise.resolve(outcome), bytes: body };
  } finally {
    call.dispose();
  }
}
