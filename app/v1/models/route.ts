import { preflightResponse } from "@/lib/gateway/http/cors";
import { unknownUrlResponse } from "@/lib/gateway/http/unknown-url-response";
import { handleListModels } from "@/lib/gateway/handle-list-models";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleListModels(request);
}

export function OPTIONS(request: Request) {
  return preflightResponse(request, "GET");
}

// Other methods get OpenAI's "unknown URL" error rather than Next's empty 405.
export const POST = unknownUrlResponse;
export const PUT = unknownUrlResponse;
export const PATCH = unknownUrlResponse;
export const DELETE = unknownUrlResponse;
