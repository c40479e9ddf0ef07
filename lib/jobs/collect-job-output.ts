import "server-only";
import type { DataImageSink, ImageReference, ImageSource } from "@/lib/gateway/images/image-reference";
import { createChatStreamObserver } from "@/lib/gateway/sse/create-chat-stream-observer";
import { createSseScanner } from "@/lib/gateway/sse/create-sse-scanner";

export type JobOutput = { images: ImageReference[]; text: string; error: string | null };

const PROGRESS = /progress\s*\**\s*(\d{1,3})\s*%/i;
const MAX_TEXT = 4000;

/** Text of one chunk's deltas, without inline base64 (which the image extractor consumes). */
function deltaText(data: string): string {
  if (!data.startsWith("{") || data.length > 64 * 1024) return "";
  try {
    const chunk = JSON.parse(data) as { choices?: { delta?: { content?: unknown } }[] };
    const content = chunk.choices?.[0]?.delta?.content;
    return typeof content === "string" ? content : "";
  } catch {
    return "";
  }
}

/**
 * Reads a job's SSE response to the end: reports progress lines as they stream ("progress 34%"), spills data
 * images to disk through `openDataSink` as they arrive (never a whole image in memory twice), and returns
 * the images, the model's text (for a response without an image) and any error event.
 */
export async function collectJobOutput(
  body: ReadableStream<Uint8Array>,
  options: {
    onProgress(text: string, percent: number | null): void;
    /** Where data images go as they stream (lib/images/create-data-spill). */
    openDataSink(info: { mime: string; source: ImageSource }): DataImageSink;
  },
): Promise<JobOutput> {
  const images: ImageReference[] = [];
  const observer = createChatStreamObserver({
    images: { openDataSink: options.openDataSink, onImage: (ref) => images.push(ref) },
  });
  let text = "";
  const scanner = createSseScanner({
    onEvent: (event) => {
      const piece = deltaText(event.data);
      if (!piece) return;
      if (text.length < MAX_TEXT) text += piece.slice(0, MAX_TEXT - text.length);
      for (const line of piece.split("\n")) {
        const match = PROGRESS.exec(line);
        if (match || /progress|queue|generat/i.test(line)) {
          const clean = line.replace(/[>*_`#]/g, "").trim();
          if (clean && clean.length < 200) options.onProgress(clean, match ? Math.min(100, Number(match[1])) : null);
        }
      }
    },
  });
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    observer.push(value);
    scanner.push(value);
  }
  // An error event ends a stream that broke off (the relay's own) or that the model stopped: like the relay, count
  // an image whose URL or whole payload came though its markdown `)` never did (the caller keeps what was billed).
  if (observer.error) observer.cut();
  else observer.end();
  scanner.end();
  const error = observer.error ? (observer.error.message ?? "The model reported an error.") : null;
  return { images, text: text.replace(/!\[[^\]]*\]\(data:[^)]*\)?/g, "").trim(), error };
}
