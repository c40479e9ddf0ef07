import { z } from "zod";

// The request body of POST /v1/chat/completions as the spec fixes it. Unknown fields pass through
// (looseObject) to the upstream unchanged.

// Anchored prefix only: a data: URL can be megabytes long and must never meet a backtracking regex.
const DATA_URL_PREFIX = /^data:image\/(png|jpeg|webp|gif);base64,/;
const HTTP_URL_PREFIX = /^https?:\/\//i;

export function isSupportedImageUrl(url: string): boolean {
  return DATA_URL_PREFIX.test(url.slice(0, 40)) || HTTP_URL_PREFIX.test(url.slice(0, 10));
}

const textPart = z.looseObject({ type: z.literal("text"), text: z.string() });

const imagePart = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.looseObject({
    url: z.string().refine(isSupportedImageUrl, {
      message: "must be an http(s) URL or a data:image/(png|jpeg|webp|gif);base64 URL",
      params: { code: "invalid_image_url" },
    }),
    detail: z.enum(["auto", "low", "high"]).optional(),
  }),
});

const contentPart = z.discriminatedUnion("type", [textPart, imagePart], {
  error: "each content part must be {type: \"text\"} or {type: \"image_url\"}",
});

export const MAX_MESSAGES = 100;
export const MAX_PARTS = 64;

const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(contentPart).max(MAX_PARTS, `at most ${MAX_PARTS} parts per message`)]).nullable(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1, "model is required"),
  messages: z
    .array(message)
    .min(1, "messages must have at least one item")
    .max(MAX_MESSAGES, `at most ${MAX_MESSAGES} messages`),
  stream: z.boolean().optional(),
  n: z.number().int().min(1).max(10).optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
