// darkroom-local's usage rule. Deterministic, so a replayed request is charged the same, and exported so the
// gateway's prompt estimate (hold size) counts images by the same rule instead of counting base64 bytes.
import type { LocalChatMessage, LocalUsage } from "./types";

/** Per input image, as OpenAI counts a low-detail image. */
export const PROMPT_TOKENS_PER_IMAGE = 85;
/** Per output image, as OpenAI's gpt-image-1 counts a low-quality square image. */
export const COMPLETION_TOKENS_PER_IMAGE = 272;
const CHARS_PER_TOKEN = 4;

const tokensForText = (chars: number) => Math.ceil(chars / CHARS_PER_TOKEN);

/** Text of all messages (never the bytes of an image) at 4 characters a token, plus a fixed count per image part. */
export function countPromptTokens(messages: readonly LocalChatMessage[]): number {
  let chars = 0;
  let images = 0;
  for (const { content } of messages) {
    if (typeof content === "string") {
      chars += content.length;
      continue;
    }
    for (const part of content ?? []) {
      if (part.type === "text") chars += part.text.length;
      else if (part.type === "image_url") images += 1;
    }
  }
  return tokensForText(chars) + images * PROMPT_TOKENS_PER_IMAGE;
}

/** The reply's text without its image markdown, plus a fixed count per image returned. */
export function countCompletionTokens(replyText: string, imagesReturned: number): number {
  return tokensForText(replyText.length) + imagesReturned * COMPLETION_TOKENS_PER_IMAGE;
}

export function buildLocalUsage(
  messages: readonly LocalChatMessage[],
  replyText: string,
  imagesReturned: number,
): LocalUsage {
  const prompt_tokens = countPromptTokens(messages);
  const completion_tokens = countCompletionTokens(replyText, imagesReturned);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}
