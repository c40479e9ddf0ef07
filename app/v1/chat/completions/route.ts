import { handleChatCompletion } from "@/lib/gateway/handle-chat-completion";
import { preflightResponse } from "@/lib/gateway/http/cors";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleChatCompletion(request);
}

export function OPTIONS(request: Request) {
  return preflightResponse(request, "POST");
}
