import type { ChatRequest } from "./chat-request-schema";

/** The last user message's text (no images), for labelling what an API call asked for. */
export function promptText(request: ChatRequest, max = 2000): string {
  const last = [...request.messages].reverse().find((m) => m.role === "user");
  if (!last?.content) return "";
  const text = typeof last.content === "string" ? last.content : last.content.map((p) => (p.type === "text" ? p.text : "")).join(" ");
  return text.trim().slice(0, max);
}
