import "server-only";
import { logger } from "@/lib/log/logger";
import { GatewayError, isGatewayError } from "../gateway-error";
import { CORS_HEADERS } from "./cors";

const DB_DOWN = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P03", "53300", "08006", "08001", "08004"]);

/** A connection-level database failure (not a bug): the spec answers it with 503, nothing charged. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && DB_DOWN.has(code)) return true;
    // PostgreSQL refuses a session with FATAL (e.g. 55000 "database is not currently accepting connections"); a
    // query's own errors are ERROR. Whatever the code, a FATAL means the database is not there for us.
    if (e instanceof Error && (e as { severity?: unknown }).severity === "FATAL") return true;
    if (e instanceof Error && /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(e.message)) return true;
    if (e instanceof AggregateError) return e.errors.some(isDatabaseUnavailable);
  }
  return false;
}

/** The one place /v1 errors become responses: OpenAI's JSON shape, the request id and CORS on every one. */
export function errorResponse(error: unknown, requestId: string, extraHeaders: Record<string, string> = {}): Response {
  let gatewayError: GatewayError;
  if (isGatewayError(error)) gatewayError = error;
  else if (isDatabaseUnavailable(error)) {
    logger.warn({ requestId, err: error }, "database unavailable");
    gatewayError = new GatewayError("service_unavailable", "Darkroom is temporarily unavailable. Please retry shortly.");
  } else {
    logger.error({ requestId, err: error }, "unexpected gateway error");
    return Response.json(
      { error: { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null } },
      { status: 500, headers: { ...CORS_HEADERS, ...extraHeaders, "x-request-id": requestId } },
    );
  }
  const headers: Record<string, string> = { ...CORS_HEADERS, ...extraHeaders, ...gatewayError.options.headers, "x-request-id": requestId };
  if (gatewayError.options.retryAfterSeconds) headers["retry-after"] = String(gatewayError.options.retryAfterSeconds);
  return Response.json(gatewayError.toJSON(), { status: gatewayError.status, headers });
}
