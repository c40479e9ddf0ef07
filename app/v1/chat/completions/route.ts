import { handleChatCompletion } from "@/lib/gateway/handle-chat-completion";
import { preflightResponse } from "@/lib/gateway/http/cors";
import { unknownUrlResponse } from "@/lib/gateway/http/unknown-url-response";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleChatCompletion(request);
}

export function OPTIONS(request: Request) {
  return preflightResponse(request, "POST");
}

// Other methods get OpenAI's "unknown URL" error rather than Next's empty 405.
export const GET = unknownUrlResponse;
export const PUT = unknownUrlResponse;
export const PATCH = unknownUrlResponse;
export const DELETE = unknownUrlResponse;
