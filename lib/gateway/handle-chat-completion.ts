import "server-only";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { createApiImageArchive } from "./archive/archive-api-images";
import { admitCall } from "./core/admit-call";
import { authenticateKey } from "./core/authenticate-key";
import { relayAndSettle } from "./core/relay-and-settle";
import { resolveCallModel } from "./core/resolve-call-model";
import { bytesResponse } from "./http/bytes-response";
import { CORS_HEADERS } from "./http/cors";
import { errorResponse } from "./http/error-response";
import { claimIdempotencyKey, finishIdempotencyKey, validateIdempotencyKey } from "./idempotency/claim-idempotency-key";
import { rateLimitKey, type RateLimitHeaders } from "./limits/rate-limit-key";
import { logGatewayCall } from "./log-gateway-call";
import { checkDataImages } from "./request/check-data-images";
import { takeUpstreamSlot } from "./relay/take-upstream-slot";
import type { GatewayRequest } from "./request/gateway-request";
import { assertJsonContentType, parseChatRequest } from "./request/parse-chat-request";
import { promptText } from "./request/prompt-text";
import { readRequestBody } from "./request/read-request-body";

// Request ids come from a pool of random bytes refilled 256 ids at a time: one getrandom call per request was
// a visible share of the gateway's CPU under load. Same generator, same format (`req_` + 24 hex digits).
const ID_BYTES = 12;
let idPool = Buffer.alloc(0);
let idOffset = 0;

export function newRequestId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_BYTES * 256);
    idOffset = 0;
  }
  const id = idPool.toString("hex", idOffset, idOffset + ID_BYTES);
  idOffset += ID_BYTES;
  return `req_${id}`;
}

/** Everything about the request itself that is decided before admission: media type, body, schema, model. */
async function prepareCall(request: GatewayRequest, allowedModels: readonly string[], refused: AbortSignal) {
  assertJsonContentType(request);
  const raw = await readRequestBody(request, env.GATEWAY_MAX_BODY_BYTES, refused);
  const body = parseChatRequest(raw);
  await checkDataImages(body);
  const model = await resolveCallModel(body.model, allowedModels);
  return { raw, body, model };
}

/**
 * POST /v1/chat/completions. Everything the caller can cause is decided before admission (auth, rate limit,
 * body, model); after admission every path ends in settlement or release (relayAndSettle).
 */
export async function handleChatCompletion(request: GatewayRequest): Promise<Response> {
  const requestId = newRequestId();
  const startedAt = Date.now();
  let headers: RateLimitHeaders = {};
  let idempotencyId: string | null = null;
  let releaseSlot: (() => void) | undefined;
  let log: Parameters<typeof logGatewayCall>[0] = { requestId, startedAt };
  try {
    const key = await authenticateKey(request);
    log = { ...log, keyId: key.id, workspaceId: key.workspaceId };
    // The rate limiter's round trip runs while the body is read and checked; its answer still comes first (a
    // limited key gets its 429 whatever the body), so the caller sees exactly what a sequential check gives.
    // A refused request stops reading its body, so a flood over the limit still costs next to nothing.
    const refused = new AbortController();
    const limited = rateLimitKey(key.id, key.rpm ?? env.RATE_LIMIT_RPM);
    const prepared = prepareCall(request, key.models, refused.signal);
    prepared.catch(() => {}); // a 429 (or 503) from the limiter wins; this outcome is then dropped
    headers = await limited.catch((error: unknown) => {
      refused.abort(error);
      throw error;
    });
    const { raw, body, model } = await prepared;
    const stream = body.stream === true;
    log = { ...log, model: model.id, stream };

    const idempotencyKey = validateIdempotencyKey(request.headers.get("idempotency-key"));
    if (idempotencyKey) {
      const claim = await claimIdempotencyKey(key.id, idempotencyKey, raw, stream);
      if (claim.kind === "replay") {
        logGatewayCall({ ...log, status: claim.response.status, replayed: true });
        return new Response(new Uint8Array(claim.response.body), {
          status: claim.response.status,
          headers: { ...claim.response.headers, ...CORS_HEADERS, ...headers, "x-request-id": requestId, "idempotent-replayed": "true" },
        });
      }
      idempotencyId = claim.id;
    }

    // Refused before admission when the process already has all the upstream calls it may: nothing held.
    if (model.provider !== "local") releaseSlot = takeUpstreamSlot();
    const call = await admitCall({
      requestId,
      payer: { workspaceId: key.workspaceId, membershipId: key.membershipId, userId: key.userId, apiKeyId: key.id },
      model,
      request: body,
      source: "api",
    });
    const archive = createApiImageArchive({
      requestId,
      workspaceId: key.workspaceId,
      membershipId: key.membershipId,
      userId: key.userId,
      model: model.id,
      prompt: promptText(body),
    });
    const relayed = await relayAndSettle(call, {
      body,
      publicModel: model.id,
      upstreamModel: model.upstreamName,
      stream,
      callerWantsUsage: body.stream_options?.include_usage === true,
      requestId,
      signal: request.signal,
      imageCapture: archive.capture,
    });
    archive.finish(relayed.outcome);
    const slotHeld = releaseSlot;
    if (slotHeld) void relayed.outcome.finally(slotHeld).catch(() => {});
    const responseHeaders = { ...CORS_HEADERS, ...headers, "x-request-id": requestId };
    void relayed.settled.then((settled) => logGatewayCall({ ...log, status: 200, settled }));

    if (stream) {
      const claimed = idempotencyId;
      if (claimed) void relayed.outcome.then((o) => finishIdempotencyKey(claimed, o.kind === "failed" ? { ok: false } : { ok: true, response: { status: 200, headers: {}, body: Buffer.alloc(0) } }));
      const out = new Headers(relayed.response.headers);
      for (const [name, value] of Object.entries(responseHeaders)) out.set(name, value);
      return new Response(relayed.response.body, { status: relayed.response.status, headers: out });
    }
    // The relay hands over the bytes it built the response from, when it has them: reading the Response back
    // through its stream would only copy them again.
    const held = relayed.bytes;
    const bytes = held ? Buffer.from(held.buffer, held.byteOffset, held.byteLength) : Buffer.from(await relayed.response.arrayBuffer());
    if (idempotencyId) {
      await finishIdempotencyKey(idempotencyId, { ok: true, response: { status: 200, headers: { "content-type": "application/json" }, body: bytes } });
    }
    return bytesResponse(bytes, { headers: { ...responseHeaders, "content-type": "application/json" } });
  } catch (error) {
    releaseSlot?.();
    if (idempotencyId) await finishIdempotencyKey(idempotencyId, { ok: false }).catch(() => {});
    if (request.signal.aborted) {
      // The caller left before the response started (its hold is already released): nobody reads an answer, and
      // nothing unexpected happened. 499 is for the log line, as proxies record it.
      logGatewayCall({ ...log, status: 499 });
      return new Response(null, { status: 499 });
    }
    const response = errorResponse(error, requestId, headers);
    logGatewayCall({ ...log, status: response.status });
    return response;
  }
}
