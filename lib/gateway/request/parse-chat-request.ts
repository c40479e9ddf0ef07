import type { z } from "zod";
import { GatewayError } from "../gateway-error";
import { chatRequestSchema, type ChatRequest } from "./chat-request-schema";
import type { GatewayRequest } from "./gateway-request";
import { withinJsonDepth } from "./check-json-depth";
import { formatParamPath } from "./format-param-path";

const MAX_DEPTH = 32;

/** Content-Type must be JSON (any charset); Accept is never a reason to refuse. */
export function assertJsonContentType(request: GatewayRequest): void {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new GatewayError("unsupported_media_type", "Content-Type must be application/json.");
  }
}

type Issue = z.core.$ZodIssue;

/**
 * The issue that names the offending field. A union (content: string or parts; a part: text or image_url) reports
 * only "Invalid input" at itself; the branch that got deepest says where the input actually went wrong.
 */
function mostSpecificIssue(issue: Issue, prefix: readonly PropertyKey[] = []): { issue: Issue; path: PropertyKey[] } {
  const path = [...prefix, ...issue.path];
  let best = { issue, path };
  if (issue.code !== "invalid_union") return best;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = mostSpecificIssue(inner, path);
      if (candidate.path.length > best.path.length) best = candidate;
    }
  }
  return best;
}

/** Raw bytes → validated request; every failure is a 400 whose `param` names the offending path. */
export function parseChatRequest(raw: Uint8Array): ChatRequest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new GatewayError("invalid_request", "We could not parse the JSON body of your request.");
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new GatewayError("invalid_request", "The request body must be a JSON object.");
  }
  if (!withinJsonDepth(json, MAX_DEPTH)) {
    throw new GatewayError("invalid_request", `JSON nesting is deeper than ${MAX_DEPTH} levels.`);
  }
  const result = chatRequestSchema.safeParse(json);
  if (result.success) return result.data;
  const { issue, path } = mostSpecificIssue(result.error.issues[0]!);
  const param = formatParamPath(path);
  const code = issue.code === "custom" && typeof issue.params?.code === "string" ? issue.params.code : undefined;
  throw new GatewayError("invalid_request", param ? `Invalid ${param}: ${issue.message}` : issue.message, { param, code });
}
