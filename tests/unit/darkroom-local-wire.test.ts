import sharp from "sharp";
import { describe, expect, it } from "vitest";

import { countCompletionTokens, countPromptTokens } from "@/lib/models/darkroom-local/count-local-tokens";
import type { ChatCompletion } from "@/lib/models/darkroom-local/build-completion";
import { runDarkroomLocal, type DarkroomLocalResult } from "@/lib/models/darkroom-local/run-darkroom-local";

async function inputPng(width = 64, height = 48) {
  return sharp({ create: { width, height, channels: 3, background: "#3a7bd5" } }).png().toBuffer();
}

function request(prompt: string, pngs: Buffer[], extra: Record<string, unknown> = {}) {
  return {
    model: "darkroom-local",
    messages: [
      { role: "system", content: "You edit images." },
      {
        role: "user",
        content: [
          { type: "text" as const, text: prompt },
          ...pngs.map((png) => ({
            type: "image_url" as const,
            image_url: { url: `data:image/png;base64,${png.toString("base64")}` },
          })),
        ],
      },
    ],
    ...extra,
  };
}

const run = (body: ReturnType<typeof request>, signal = new AbortController().signal) =>
  runDarkroomLocal(body, { signal });

function expectStream(result: DarkroomLocalResult) {
  if (result.kind !== "stream") throw new Error("expected a stream");
  return result;
}

/** Splits SSE bytes into the payloads of its `data:` events. */
async function readEvents(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const text = await new Response(stream).text();
  expect(text.endsWith("\n\n")).toBe(true);
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((event) => {
      expect(event.startsWith("data: ")).toBe(true);
      return event.slice("data: ".length);
    });
}

type Chunk = {
  id: string;
  object: string;
  model: string;
  choices: { delta: { role?: string; content?: string; images?: { image_url: { url: string } }[] }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
};

describe("darkroom-local wire format", () => {
  it("answers non-stream with a chat.completion holding markdown images, an images array and usage", async () => {
    const result = await run(request("sepia", [await inputPng()]));
    if (result.kind !== "json") throw new Error("expected JSON");
    const body = JSON.parse(result.bytes.toString("utf8")) as ChatCompletion;
    expect(result.id).toBe(body.id);
    expect(body.id).toMatch(/^chatcmpl-local-[0-9a-f]{32}$/);
    expect(body).toMatchObject({ object: "chat.completion", model: "darkroom-local" });
    expect(Number.isInteger(body.created)).toBe(true);
    const [choice] = body.choices;
    expect(choice).toMatchObject({ index: 0, finish_reason: "stop", message: { role: "assistant" } });
    expect(choice!.message.images).toHaveLength(1);
    const url = choice!.message.images[0]!.image_url.url;
    expect(url).toMatch(/^data:image\/png;base64,/);
    expect(choice!.message.content).toBe(`Applied sepia to the image.\n\n![result](${url})`);
    const png = Buffer.from(url.split(",")[1]!, "base64");
    expect((await sharp(png).metadata()).format).toBe("png");
  });

  it("counts usage deterministically: prompt text and images in, reply text and images out", async () => {
    const body = request("invert", [await inputPng(), await inputPng(10, 10)], { n: 2 });
    const first = await run(body);
    const second = await run(body);
    expect(first.usage).toEqual(second.usage);
    const replyText = "Applied invert to 2 images. 2 variants each, the hue turned a little further in each.";
    expect(first.usage).toEqual({
      prompt_tokens: countPromptTokens(body.messages),
      completion_tokens: countCompletionTokens(replyText, 4),
      total_tokens: countPromptTokens(body.messages) + countCompletionTokens(replyText, 4),
    });
    expect(first.usage.prompt_tokens).toBe(Math.ceil(("You edit images.".length + "invert".length) / 4) + 2 * 85);
    if (first.kind !== "json") throw new Error("expected JSON");
    const firstBody = JSON.parse(first.bytes.toString("utf8")) as ChatCompletion;
    expect(firstBody.usage).toEqual(first.usage);
    expect(firstBody.choices[0]!.message.images).toHaveLength(4);
    expect(first.images).toHaveLength(4);
  });

  it("streams role, progress before the image, the image, stop, then [DONE] without usage", async () => {
    const result = expectStream(await run(request("grayscale", [await inputPng()], { stream: true })));
    const events = await readEvents(result.stream);
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as Chunk);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk" && chunk.model === "darkroom-local")).toBe(true);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);

    const progress = chunks.flatMap((chunk, i) =>
      /^> progress \*\*(\d+)%\*\*\n\n$/.test(chunk.choices[0]?.delta.content ?? "") ? [i] : [],
    );
    const imageAt = chunks.findIndex((chunk) => chunk.choices[0]?.delta.images);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress[0]!).toBeLessThan(imageAt);
    const percents = progress.map((i) => Number(/\d+/.exec(chunks[i]!.choices[0]!.delta.content!)![0]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);

    const imageDelta = chunks[imageAt]!.choices[0]!.delta;
    const url = imageDelta.images![0]!.image_url.url;
    expect(imageDelta.content).toContain(`![result](${url})`);
    expect(chunks.at(-1)!.choices[0]).toEqual({ index: 0, delta: {}, finish_reason: "stop" });
  });

  it("adds a usage-only chunk before [DONE] when stream_options.include_usage is set", async () => {
    const body = request("mirror", [await inputPng()], { stream: true, stream_options: { include_usage: true } });
    const result = expectStream(await run(body));
    const events = await readEvents(result.stream);
    expect(events.at(-1)).toBe("[DONE]");
    const usageChunk = JSON.parse(events.at(-2)!) as Chunk;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toEqual(result.usage);
    expect(usageChunk.usage!.total_tokens).toBe(usageChunk.usage!.prompt_tokens + usageChunk.usage!.completion_tokens);
    const nonStream = await run(request("mirror", [await inputPng()]));
    expect(nonStream.usage).toEqual(result.usage);
  });

  it("streams one image per result when several are asked for", async () => {
    const result = expectStream(await run(request("blur", [await inputPng(), await inputPng()], { stream: true, n: 2 })));
    const chunks = (await readEvents(result.stream)).slice(0, -1).map((event) => JSON.parse(event) as Chunk);
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.images)).toHaveLength(4);
  });

  it("ends the stream without [DONE] when the signal aborts mid-way", async () => {
    const big = await sharp({ create: { width: 2048, height: 2048, channels: 3, background: "#808080" } }).png().toBuffer();
    const controller = new AbortController();
    const result = expectStream(await run(request("blur 40 blur 40 blur 40", [big], { stream: true }), controller.signal));
    const reader = result.stream.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toContain('"role":"assistant"');
    controller.abort();
    const started = Date.now();
    let rest = "";
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest += decoder.decode(next.value);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(rest).not.toContain("[DONE]");
    expect(rest).not.toContain('"images"');
  });

  it("rejects with the abort reason when aborted before the result is ready", async () => {
    const controller = new AbortController();
    const pending = run(request("invert", [await inputPng(1500, 1500)]), controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("stops when the reader cancels the stream", async () => {
    const result = expectStream(await run(request("invert", [await inputPng()], { stream: true })));
    const reader = result.stream.getReader();
    await reader.read();
    await expect(reader.cancel()).resolves.toBeUndefined();
  });
});
