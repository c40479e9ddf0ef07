import "server-only";
import { env } from "@/lib/env";
import { listCatalogModels } from "./catalog/list-catalog-models";
import { authenticateKey } from "./core/authenticate-key";
import { CORS_HEADERS } from "./http/cors";
import { errorResponse } from "./http/error-response";
import { newRequestId } from "./handle-chat-completion";
import { rateLimitKey, type RateLimitHeaders } from "./limits/rate-limit-key";

/** GET /v1/models: the enabled models this key may call, in OpenAI's list format. */
export async function handleListModels(request: Request): Promise<Response> {
  const requestId = newRequestId();
  let headers: RateLimitHeaders = {};
  try {
    // A completion's admission re-checks the key in the database; this list has no such step, and it is no hot
    // path: read the key fresh, so a revocation holds on the very next request, not once the NOTIFY arrives.
    const key = await authenticateKey(request, { fresh: true });
    headers = await rateLimitKey(key.id, key.rpm ?? env.RATE_LIMIT_RPM);
    const models = (await listCatalogModels()).filter((m) => m.usable && (key.models.length === 0 || key.models.includes(m.id)));
    const data = models.map((m) => ({
      id: m.id,
      object: "model",
      created: Math.floor(m.createdAt.getTime() / 1000),
      owned_by: m.provider === "local" ? "darkroom" : "upstream",
    }));
    return Response.json({ object: "list", data }, { headers: { ...CORS_HEADERS, ...headers, "x-request-id": requestId } });
  } catch (error) {
    return errorResponse(error, requestId, headers);
  }
}
