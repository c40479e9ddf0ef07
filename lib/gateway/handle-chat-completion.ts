import "server-only";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { createApiImageArchive } from "./archive/archive-api-images";
import { admitCall } from "./core/admit-call";
import { authenticateKey } from "./core/authenticate-key";
import { relayAndSettle } from "./core/relay-and-settle";
import { resolveCallModel } from "./core/resolve-call-model";
import { CORS_HEADERS } from "./http/cors";
import { errorResponse } from "./http/error-response";
import { claimIdempotencyKey, finishIdempotencyKey, validateIdempotencyKey } from "./idempotency/claim-idempotency-key";
import { rateLimitKey, type RateLimitHeaders } from "./limits/rate-limit-key";
import { logGatewayCall } from "./log-gateway-call";
import { assertJsonContentType, parseChatRequest } from "./request/parse-chat-request";
import { promptText } from "./request/prompt-text";
import { readRequestBody } from "./request/read-request-body";

export function newRequestId(): string {
  return `req_${randomBytes(12).toString("hex")}`;
}

/**
 * POST /v1/chat/completions. Everything the caller can cause is decided before admission (auth, rate limit,
 * body, model); after admission every path ends in settlement or release (relayAndSettle).
 */
export async function handleChatCompletion(request: Request): Promise<Response> {
  const requestId = newRequestId();
  const startedAt = Date.now();
  let headers: RateLimitHeaders = {};
  let idempotencyId: string | null = null;
  let log: Parameters<typeof logGatewayCall>[0] = { requestId, startedAt };
  try {
    const key = await authenticateKey(request);
    log = { ...log, keyId: key.id, workspaceId: key.workspaceId };
    headers = await rateLimitKey(key.id, key.rpm ?? env.RATE_LIMIT_RPM);
    assertJsonContentType(request);
    const raw = await readRequestBody(request, env.GATEWAY_MAX_BODY_BYTES);
    const body = parseChatRequest(raw);
    const model = await resolveCallModel(body.model, key.models);
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
    const responseHeaders = { ...CORS_HEADERS, ...headers, "x-request-id": requestId };
    void relayed.settled.then((settled) => logGatewayCall({ ...log, status: 200, settled }));

    if (stream) {
      const claimed = idempotencyId;
      if (claimed) void relayed.outcome.then((o) => finishIdempotencyKey(claimed, o.kind === "failed" ? { ok: false } : { ok: true, response: { status: 200, headers: {}, body: Buffer.alloc(0) } }));
      const out = new Headers(relayed.response.headers);
      for (const [name, value] of Object.entries(responseHeaders)) out.set(name, value);
      return new Response(relayed.response.body, { status: relayed.response.status, headers: out });
    }
    const bytes = Buffer.from(await relayed.response.arrayBuffer());
    if (idempotencyId) {
      await finishIdempotencyKey(idempotencyId, { ok: true, response: { status: 200, headers: { "content-type": "application/json" }, body: bytes } });
    }
    return new Response(new Uint8Array(bytes), { status: 200, headers: { ...responseHeaders, "content-type": "application/json" } });
  } catch (error) {
    if (idempotencyId) await finishIdempotencyKey(idempotencyId, { ok: false }).catch(() => {});
    const response = errorResponse(error, requestId, headers);
    logGatewayCall({ ...log, status: response.status });
    return response;
  }
}
