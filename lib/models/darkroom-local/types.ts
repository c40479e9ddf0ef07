// Shared shapes of the darkroom-local model. Pure types: safe to import from client components.

/** One edit step, in the order it is applied. */
export type EditOp =
  | { kind: "grayscale" }
  | { kind: "invert" }
  | { kind: "blur"; sigma: number }
  | { kind: "sharpen" }
  /** Clockwise, 1..359. Multiples of 90 keep every pixel; other angles widen the canvas with transparency. */
  | { kind: "rotate"; degrees: number }
  /** Top-bottom. */
  | { kind: "flip" }
  /** Left-right. */
  | { kind: "mirror" }
  | { kind: "sepia" }
  | { kind: "brightness"; factor: number }
  | { kind: "contrast"; factor: number }
  | { kind: "temperature"; tone: "warm" | "cool" }
  | { kind: "pixelate"; block: number }
  /** Fit inside width × height, never enlarging. */
  | { kind: "resize"; width: number; height: number }
  | { kind: "duotone" }
  | { kind: "border" };

export type LocalContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: string } };

export type LocalChatMessage = {
  role: string;
  content?: string | readonly LocalContentPart[] | null;
};

/**
 * The part of an already-validated chat-completions body that darkroom-local reads. Other fields
 * (temperature, size, ...) are ignored, as an upstream model may ignore them.
 */
export type LocalChatRequest = {
  model: string;
  messages: readonly LocalChatMessage[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean | null } | null;
  n?: number | null;
};

/** Reads the bytes behind an image URL. The gateway injects one that also serves stored assets and fetches http(s). */
export type LoadImage = (url: string, signal: AbortSignal) => Promise<Buffer>;

export type LocalUsage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

/** Decoded 8-bit sRGB pixels; 3 channels, or 4 when the image has transparency. */
export type Frame = { data: Buffer; width: number; height: number; channels: 3 | 4 };
