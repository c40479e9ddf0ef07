import { preflightResponse } from "@/lib/gateway/http/cors";
import { unknownUrlResponse } from "@/lib/gateway/http/unknown-url-response";

export const dynamic = "force-dynamic";

// Unknown /v1 paths answer in OpenAI's error shape, not with an HTML page.
export const GET = unknownUrlResponse;
export const POST = unknownUrlResponse;
export const PUT = unknownUrlResponse;
export const PATCH = unknownUrlResponse;
export const DELETE = unknownUrlResponse;

export function OPTIONS(request: Request) {
  return preflightResponse(request, "GET, POST");
}
