// Picks what darkroom-local works from out of a chat: the prompt and the input image URLs.
import type { LocalChatMessage, LocalChatRequest } from "./types";

export type ImageRef = { url: string; /** Body path, for error messages. */ param: string };
export type ChatInput = { prompt: string; images: ImageRef[] };

function partsOf(message: LocalChatMessage) {
  const { content } = message;
  if (typeof content === "string") return [{ type: "text" as const, text: content }];
  return content ?? [];
}

function imagesOf(message: LocalChatMessage, messageIndex: number): ImageRef[] {
  return partsOf(message).flatMap((part, partIndex) =>
    part.type === "image_url"
      ? [{ url: part.image_url.url, param: `messages[${messageIndex}].content[${partIndex}].image_url.url` }]
      : [],
  );
}

/**
 * The prompt is the text of the last user message. The images are those of the last user message; when it has
 * none, those of the latest earlier user message that has some, so "now make it sepia" in a follow-up still edits
 * the image sent before.
 */
export function readChatInput(body: LocalChatRequest): ChatInput {
  const userIndexes = body.messages.flatMap((message, index) => (message.role === "user" ? [index] : []));
  const lastIndex = userIndexes.at(-1);
  if (lastIndex === undefined) return { prompt: "", images: [] };

  const prompt = partsOf(body.messages[lastIndex]!)
    .flatMap((part) => (part.type === "text" ? [part.text] : []))
    .join("\n");

  for (const index of userIndexes.toReversed()) {
    const images = imagesOf(body.messages[index]!, index);
    if (images.length > 0) return { prompt, images };
  }
  return { prompt, images: [] };
}
