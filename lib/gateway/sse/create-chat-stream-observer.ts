import { createStreamImageExtractor } from "@/lib/gateway/images/create-stream-image-extractor";
import type { ImageExtractorOptions, ImageReference } from "@/lib/gateway/images/image-reference";
import { parseUsage, type TokenUsage } from "@/lib/gateway/usage/parse-usage";
import { createStreamedDataUrl } from "@/lib/gateway/images/create-streamed-data-url";
import { countOtherOutput } from "./count-other-output";
import { createSseScanner, type LargeDataStream, type SseEvent } from "./create-sse-scanner";
import { createStreamingJsonParser, type StreamingJsonResult, type StringContext, type StringSink } from "./create-streaming-json-parser";

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
  /** The upstream body ended: flushes a last event without a blank line, closes image syntax. */
  end(): void;
  /**
   * The body broke off (or the caller left): an event never finished is not read, but an image whose URL or whole
   * payload was relayed counts even though its markdown `)` never came.
   */
  cut(): void;
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
  /** Characters of other output: reasoning, refusals, tool calls (see countOtherOutput). */
  readonly otherOutputChars: number;
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const choiceIndex = (choice: unknown) => (isRecord(choice) && typeof choice.index === "number" ? choice.index : 0);

/** Events with more data than this are parsed as they stream in (see `largeEventBytes`). */
const LARGE_EVENT_BYTES = 256 * 1024;
/** Within such an event, strings up to this length are held; longer ones may stream (image URLs, text content). */
const KEEP_STRING_CHARS = 64 * 1024;

export interface ChatStreamObserverOptions {
  images?: ImageExtractorOptions;
  /**
   * Data events larger than this are not held whole: they are parsed as their bytes arrive, and a multi-MiB image
   * in them (a data URL in `images`/content parts, or markdown text in `delta.content`) is decoded and hashed as
   * it streams, so 100 concurrent 4 MiB image events cost little memory. Results are those of the whole-event
   * path, except that a huge event which never completes (or is not valid JSON) may already have had its
   * `delta.content` text read. While image bytes are captured (`images.keepData`/`openDataSink`), a huge image URL
   * of form 3 or 4 is still held whole (markdown text streams either way). Default 256 KiB.
   */
  largeEventBytes?: number;
  /** In a large event, strings longer than this may stream (default 64 Ki characters; small in tests). */
  keepStringChars?: number;
}

/**
 * Watches a `chat.completion.chunk` stream for what billing and the studio need: usage, [DONE], an error event,
 * the response id and model, text volume and images. It reads a tee of the bytes and never delays the relay.
 */
export function createChatStreamObserver(options: ChatStreamObserverOptions = {}): ChatStreamObserver {
  const extractor = createStreamImageExtractor(options.images);
  let id: string | undefined;
  let model: string | undefined;
  let usage: TokenUsage | undefined;
  let done = false;
  let error: StreamErrorInfo | undefined;
  let textChars = 0;
  let otherOutputChars = 0;
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
      otherOutputChars += countOtherOutput(delta);
      if (typeof reason === "string") finishReason = reason;
    }
  }

  function handleEvent(event: SseEvent): void {
    events++;
    if (event.streamed !== undefined) {
      // A large event parsed as it arrived (never an `event: error` one, which is held and judged whole).
      const result = event.streamed as StreamingJsonResult;
      if (!result.ok || !isRecord(result.value)) {
        malformedEvents++;
        return;
      }
      handleChunk(result.value);
      return;
    }
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

  const capturing = Boolean(options.images?.keepData || options.images?.openDataSink);

  /** Where a long string of a large event may go instead of being held (null: hold it, as usual). */
  function openString({ path, containers }: StringContext): StringSink | null {
    if (path[0] !== "choices" || typeof path[1] !== "number" || path[2] !== "delta") return null;
    const field = path[3];
    // An image URL of form 3 (`images`) or 4 (content parts): decoded and hashed now, judged by the collector later.
    if ((field === "images" || field === "content") && typeof path[4] === "number") {
      const last = path.at(-1);
      const shape = path.length === 7 ? path[5] === "image_url" && last === "url" : path.length === 6 && (last === "image_url" || last === "url");
      // Captured bytes go to a sink the collector opens when it accepts an image: such URLs are held, as usual.
      return shape && !capturing ? createStreamedDataUrl() : null;
    }
    // Markdown text (forms 1-2): read now by the choice's own scanner, exactly as a smaller delta would be.
    if (field === "content" && path.length === 4) {
      const [top, choices, choice] = containers;
      if (!isRecord(top) || !Array.isArray(choices) || !isRecord(choice)) return null;
      if (isRecord(top.error)) return { write() {}, end: () => "" }; // an error chunk: its choices are not read
      if (!("index" in choice)) return null; // which choice it continues is not known yet
      const index = choiceIndex(choice);
      if (choices.some((other) => other !== choice && choiceIndex(other) === index)) return null;
      return {
        write(text) {
          textChars += extractor.pushDelta(index, { content: text });
        },
        end: () => "", // already read: the rest of the delta is read when the event ends
      };
    }
    return null;
  }

  const largeData = {
    thresholdBytes: options.largeEventBytes ?? LARGE_EVENT_BYTES,
    open(eventType: string | undefined): LargeDataStream | null {
      if (eventType === "error") return null; // judged whole (its data may become the error's message)
      const parser = createStreamingJsonParser({ keepChars: options.keepStringChars ?? KEEP_STRING_CHARS, openString });
      return { write: (text) => parser.write(text), end: () => parser.end() };
    },
  };
  const scanner = createSseScanner({ onEvent: handleEvent }, { largeData });

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
    cut() {
      if (ended) return;
      ended = true;
      extractor.cut();
    },
    handleEvent,
    get id() { return id; },
    get model() { return model; },
    get usage() { return usage; },
    get done() { return done; },
    get error() { return error; },
    get textChars() { return textChars; },
    get otherOutputChars() { return otherOutputChars; },
    get finishReason() { return finishReason; },
    get images() { return extractor.images; },
    get events() { return events; },
    get malformedEvents() { return malformedEvents; },
    get bytes() { return bytes; },
  };
}
