// The OpenAI-shaped objects darkroom-local answers with, non-stream and stream (see the chat-completions spec).
import { describeEditOps } from "./describe-edit-ops";
import type { EditOp, LocalUsage } from "./types";

export const LOCAL_MODEL_ID = "darkroom-local";

export type ImagePart = { type: "image_url"; image_url: { url: string } };
export type CompletionMeta = { id: string; created: number };

export function newCompletionMeta(): CompletionMeta {
  return {
    id: `chatcmpl-local-${crypto.randomUUID().replaceAll("-", "")}`,
    created: Math.floor(Date.now() / 1000),
  };
}

/** The reply's words (counted in completion tokens); the image markdown follows them. */
export function buildReplyText(options: {
  ops: readonly EditOp[];
  usedDefault: boolean;
  inputCount: number;
  variants: number;
}): string {
  const { ops, usedDefault, inputCount, variants } = options;
  const edits = describeEditOps(ops);
  const target = inputCount === 1 ? "the image" : `${inputCount} images`;
  const subject =
    inputCount === 0
      ? `Generated an image from the prompt${ops.length > 0 ? ` and applied ${edits}` : ""}`
      : usedDefault
        ? `No edit named in the prompt, so applied the default look (${edits}) to ${target}`
        : `Applied ${edits} to ${target}`;
  const variantNote =
    variants > 1 ? ` ${variants} variants${inputCount > 1 ? " each" : ""}, the hue turned a little further in each.` : "";
  return `${subject}.${variantNote}`;
}

export const toDataUrl = (png: Buffer) => `data:image/png;base64,${png.toString("base64")}`;
export const imageMarkdown = (dataUrl: string) => `![result](${dataUrl})`;
export const imagePart = (dataUrl: string): ImagePart => ({ type: "image_url", image_url: { url: dataUrl } });

export function buildCompletion(meta: CompletionMeta, replyText: string, dataUrls: readonly string[], usage: LocalUsage) {
  const content = [replyText, ...dataUrls.map(imageMarkdown)].join("\n\n");
  return {
    id: meta.id,
    object: "chat.completion" as const,
    created: meta.created,
    model: LOCAL_MODEL_ID,
    choices: [
      {
        index: 0,
        message: { role: "assistant" as const, content, images: dataUrls.map(imagePart) },
        finish_reason: "stop" as const,
      },
    ],
    usage,
  };
}

export type ChatCompletion = ReturnType<typeof buildCompletion>;

type Delta = { role?: "assistant"; content?: string; images?: ImagePart[] };

export function buildChunk(meta: CompletionMeta, delta: Delta, finishReason: "stop" | null = null) {
  return {
    id: meta.id,
    object: "chat.completion.chunk" as const,
    created: meta.created,
    model: LOCAL_MODEL_ID,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

export function buildUsageChunk(meta: CompletionMeta, usage: LocalUsage) {
  return {
    id: meta.id,
    object: "chat.completion.chunk" as const,
    created: meta.created,
    model: LOCAL_MODEL_ID,
    choices: [],
    usage,
  };
}
