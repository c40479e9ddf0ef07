import { countPromptTokens } from "@/lib/models/darkroom-local/count-local-tokens";
import type { ChatRequest } from "./chat-request-schema";

/**
 * The prompt estimate behind a hold: text only, at 4 characters a token, and each image as a fixed count,
 * never its base64 bytes. Same rule as darkroom-local's own usage, so both agree.
 */
export function estimatePromptTokens(request: ChatRequest): number {
  return countPromptTokens(request.messages);
}
