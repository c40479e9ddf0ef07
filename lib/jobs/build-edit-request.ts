import type { ChatRequest } from "@/lib/gateway/request/chat-request-schema";

/**
 * The chat-completions request an edit sends: the prompt and the input images in order, as one user message.
 * Image URLs are data: URLs (a provider cannot fetch Darkroom's local files) or presigned URLs.
 */
export function buildEditRequest(input: { model: string; prompt: string; imageUrls: string[]; n?: number }): ChatRequest {
  return {
    model: input.model,
    stream: true,
    ...(input.n && input.n > 1 ? { n: input.n } : {}),
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: input.prompt },
          ...input.imageUrls.map((url) => ({ type: "image_url" as const, image_url: { url } })),
        ],
      },
    ],
  };
}
