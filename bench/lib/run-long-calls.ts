// The client side of the long-generations benchmark: `calls` chat completions started together (even ones
// non-stream, odd ones stream), each read to the end and checked: a 200, the result image's URL in what
// arrived, and a stream's [DONE]. Keeps a few numbers per call, never the bodies.
import { Agent, request } from "undici";

export type LongCallTarget = {
  url: string;
  /** Headers of call i (the key, Portkey's routing headers). */
  headers(i: number): Record<string, string>;
};

/** `headersAt`: when the response's headers arrived (a stream's commit; a non-stream answer's end). */
export type LongCallResult = { ok: boolean; status: number; startedAt: number; headersAt: number; endedAt: number; error?: string };

const MODEL = "gpt-4o-image";

/**
 * The request body of call i: the scenario travels in the prompt (Portkey drops unknown body fields). `promptBytes`
 * pads the prompt with words, so what a gateway keeps of each request body while the call runs shows in its memory.
 */
export function longCallBody(i: number, label: string, durationMs: number, everyMs: number, promptBytes = 0): string {
  const scenario = `long duration=${durationMs} every=${everyMs} file_name=${label}-${i}`;
  const padding = promptBytes > 0 ? ` ${"darkroom ".repeat(Math.ceil(promptBytes / 9)).slice(0, promptBytes)}` : "";
  return JSON.stringify({ model: MODEL, stream: i % 2 === 1, messages: [{ role: "user", content: `Paint call ${i}. [[scenario:${scenario}]]${padding}` }] });
}

export async function runLongCalls(options: {
  target: LongCallTarget;
  calls: number;
  label: string;
  durationMs: number;
  everyMs: number;
  /** Pads each prompt to about this many bytes more (see longCallBody). */
  promptBytes?: number;
  /** Called once every call has been sent (not answered). */
  onAllSent?(): void;
}): Promise<LongCallResult[]> {
  const { target, calls, label, durationMs, everyMs } = options;
  // One connection per call, none reused or queued on this side: the client's own pool must not be what waits.
  // A server slow to accept a burst shows in the wall time rather than as a failed call (undici's default: 10 s).
  const dispatcher = new Agent({ connections: calls + 16, pipelining: 1, keepAliveTimeout: 1_000, connect: { timeout: 120_000 } });
  const patience = durationMs + 120_000;
  try {
    const one = async (i: number): Promise<LongCallResult> => {
      const startedAt = performance.now();
      const stream = i % 2 === 1;
      const imagePath = `/files/${label}-${i}.png`;
      try {
        const res = await request(target.url, {
          method: "POST",
          dispatcher,
          headers: { "content-type": "application/json", ...target.headers(i) },
          body: longCallBody(i, label, durationMs, everyMs, options.promptBytes),
          headersTimeout: patience,
          bodyTimeout: patience,
        });
        const headersAt = performance.now();
        let text = "";
        for await (const chunk of res.body as AsyncIterable<Buffer>) text += chunk.toString("utf8");
        const endedAt = performance.now();
        const hasImage = text.includes(imagePath);
        const done = !stream || /data: ?\[DONE\]/.test(text);
        const ok = res.statusCode === 200 && hasImage && done;
        const error = ok ? undefined : `HTTP ${res.statusCode}${hasImage ? "" : ", no image URL"}${done ? "" : ", no [DONE]"}: ${text.slice(0, 160)}`;
        return { ok, status: res.statusCode, startedAt, headersAt, endedAt, error };
      } catch (err) {
        const endedAt = performance.now();
        return { ok: false, status: 0, startedAt, headersAt: endedAt, endedAt, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
      }
    };
    const all = Array.from({ length: calls }, (_, i) => one(i));
    options.onAllSent?.();
    return await Promise.all(all);
  } finally {
    await dispatcher.close().catch(() => {});
  }
}
