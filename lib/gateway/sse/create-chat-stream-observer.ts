import { createStreamImageExtractor } from "@/lib/gateway/images/create-stream-image-extractor";
import type { ImageExtractorOptions, ImageReference } from "@/lib/gateway/images/image-reference";
import { parseUsage, type TokenUsage } from "@/lib/gateway/usage/parse-usage";
import { createSseScanner, type SseEvent } from "./create-sse-scanner";

/** An `error` object carried by an event of a 200 stream (or an `event: error` event). */
export interface StreamErrorInfo {
  message?: string;
  type?: string;
  code?: string | number | null;
  raw: unknown;
}

export interface ChatStreamObserver {
  /** A copy of the relayed bytes; never altered. Chunks may split anything. */
  push(chunk: Uint8Array): void;
  /** The upstream body ended (or was cut): flushes a last event without a blank line, closes image syntax. */
  end(): void;
  /** For a relay that already parses events itself. */
  handleEvent(event: SseEvent): void;
  readonly id: string | undefined;
  readonly model: string | undefined;
  /** The last usage object seen (OpenAI sends it in a final chunk with empty `choices`). */
  readonly usage: TokenUsage | undefined;
  /** `data: [DONE]` was seen. */
  readonly done: boolean;
  readonly error: StreamErrorInfo | undefined;
  /**
   * Characters of text content seen (delta.content strings and text parts), not counting base64 payloads of
   * markdown data images: to estimate completion tokens when the upstream sent no usage.
   */
  readonly textChars: number;
  readonly finishReason: string | undefined;
  readonly images: readonly ImageReference[];
  /** Data events seen, and those whose data was neither JSON nor `[DONE]`. */
  readonly events: number;
  readonly malformedEvents: number;
  readonly bytes: number;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function toError(value: unknown): StreamErrorInfo {
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const code = record.code;
  return {
    message: str(record.message) ?? (typeof value === "string" ? value : undefined),
    type: str(record.type),
    code: typeof code === "string" || typeof code === "number" || code === null ? code : undefined,
    raw: value,
  };
}

/**
 * Watches a `chat.completion.chunk` stream for what billing and the studio need: usage, [DONE], an error event,
 * the response id and model, text volume and images. It reads a tee of the bytes and never delays the relay.
 */
export function createChatStreamObserver(options: { images?: ImageExtractorOptions } = {}): ChatStreamObserver {
  const extractor = createStreamImageExtractor(options.images);
  let id: string | undefined;
  let model: string | undefined;
  let usage: TokenUsage | undefined;
  let done = false;
  let error: StreamErrorInfo | undefined;
  let textChars = 0;
  let finishReason: string | undefined;
  let events = 0;
  let malformedEvents = 0;
  let bytes = 0;
  let ended = false;

  function handleChunk(chunk: Record<string, unknown>): void {
    if (typeof chunk.error === "object" && chunk.error !== null) {
      error = toError(chunk.error);
      return;
    }
    id ??= str(chunk.id);
    model ??= str(chunk.model);
    const parsedUsage = parseUsage(chunk.usage);
    if (parsedUsage) usage = parsedUsage;
    if (!Array.isArray(chunk.choices)) return;
    for (const choice of chunk.choices as unknown[]) {
      if (typeof choice !== "object" || choice === null) continue;
      const { index, delta, finish_reason: reason } = choice as Record<string, unknown>;
      textChars += extractor.pushDelta(typeof index === "number" ? index : 0, delta);
      if (typeof reason === "string") finishReason = reason;
    }
  }

  function handleEvent(event: SseEvent): void {
    events++;
    const data = event.data.trim();
    if (data === "[DONE]") {
      done = true;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      malformedEvents++;
      if (event.event === "error") error = toError(data);
      return;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      malformedEvents++;
      return;
    }
    if (event.event === "error" && !("error" in parsed)) error = toError(parsed);
    else handleChunk(parsed as Record<string, unknown>);
  }

  const scanner = createSseScanner({ onEvent: handleEvent });

  return {
    push(chunk) {
      bytes += chunk.length;
      scanner.push(chunk);
    },
    end() {
      if (ended) return;
      ended = true;
      scanner.end();
      extractor.end();
    },
    handleEvent,
    get id() { return id; },
    get model() { return model; },
    get usage() { return usage; },
    get done() { return done; },
    get error() { return error; },
    get textChars() { return textChars; },
    get finishReason() { return finishReason; },
    get images() { return extractor.images; },
    get events() { return events; },
    get malformedEvents() { return malformedEvents; },
    get bytes() { return bytes; },
  };
}
