import { preflightResponse } from "@/lib/gateway/http/cors";
import { handleListModels } from "@/lib/gateway/handle-list-models";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleListModels(request);
}

export function OPTIONS(request: Request) {
  return preflightResponse(request, "GET");
}
