// /v1 is called with bearer keys, never cookies, so any origin may call it from a browser.
export const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers":
    "x-request-id, x-ratelimit-limit-requests, x-ratelimit-remaining-requests, x-ratelimit-reset-requests, retry-after, idempotent-replayed, x-should-retry",
};

/** Answers a CORS preflight, allowing whatever headers the browser asks for (Authorization included). */
export function preflightResponse(request: Request, methods: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "access-control-allow-methods": `${methods}, OPTIONS`,
      "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? "authorization, content-type, idempotency-key",
      "access-control-max-age": "86400",
    },
  });
}
