import { handleChatCompletion } from "@/lib/gateway/handle-chat-completion";
import { preflightResponse } from "@/lib/gateway/http/cors";
import { unknownUrlResponse } from "@/lib/gateway/http/unknown-url-response";
import { offerDirectRoute } from "@/lib/server/direct-routes";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleChatCompletion(request);
}

// scripts/serve.ts calls this handler itself, without Next's request chain, once Next has loaded this module
// (thousands of long image calls stay open at once: see scripts/server/serve-direct-route.ts).
offerDirectRoute("POST /v1/chat/completions", handleChatCompletion);

export function OPTIONS(request: Request) {
  return preflightResponse(request, "POST");
}

// Other methods get OpenAI's "unknown URL" error rather than Next's empty 405.
export const GET = unknownUrlResponse;
export const PUT = unknownUrlResponse;
export const PATCH = unknownUrlResponse;
export const DELETE = unknownUrlResponse;
