import { GatewayError } from "@/lib/gateway/gateway-error";
import { preflightResponse } from "@/lib/gateway/http/cors";
import { errorResponse } from "@/lib/gateway/http/error-response";
import { newRequestId } from "@/lib/gateway/handle-chat-completion";

export const dynamic = "force-dynamic";

// Unknown /v1 paths answer in OpenAI's error shape, not with an HTML page.
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return errorResponse(new GatewayError("invalid_request", `Unknown request URL: ${request.method} ${path}.`, { code: "unknown_url" }), newRequestId());
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;

export function OPTIONS(request: Request) {
  return preflightResponse(request, "GET, POST");
}
