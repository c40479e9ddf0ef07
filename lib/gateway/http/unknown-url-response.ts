import "server-only";
import { GatewayError } from "../gateway-error";
import { newRequestId } from "../handle-chat-completion";
import { errorResponse } from "./error-response";

/**
 * A /v1 path or method the gateway does not serve: OpenAI's answer (404 "invalid_request_error") in its error
 * shape, never Next's HTML page or an empty 405.
 */
export function unknownUrlResponse(request: Request): Response {
  const path = new URL(request.url).pathname;
  return errorResponse(new GatewayError("unknown_url", `Unknown request URL: ${request.method} ${path}.`), newRequestId());
}
