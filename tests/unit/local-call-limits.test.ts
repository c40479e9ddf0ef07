import { randomBytes } from "node:crypto";

import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";

// One render at a time and a short deadline, read by lib/env on import.
vi.hoisted(() => {
  process.env.LOCAL_MAX_CONCURRENCY = "1";
  process.env.LOCAL_TIMEOUT_MS = "400";
});

import { runLocalCall } from "@/lib/gateway/core/run-local-call";
import type { RelayInput } from "@/lib/gateway/relay/relay-types";

async function noiseDataUrl(side: number): Promise<string> {
  const png = await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}

function input(imageUrl: string, extra: Partial<RelayInput> & { n?: number } = {}): RelayInput {
  const { n, ...rest } = extra;
  return {
    body: {
      model: "darkroom-local",
      n,
      stream: rest.stream ?? false,
      messages: [{ role: "user", content: [{ type: "text", text: "rotate 180 and blur 20" }, { type: "image_url", image_url: { url: imageUrl } }] }],
    },
    publicModel: "darkroom-local",
    upstreamModel: "darkroom-local",
    stream: false,
    callerWantsUsage: false,
    requestId: `req_test_${randomBytes(6).toString("hex")}`,
    signal: new AbortController().signal,
    ...rest,
  };
}

describe("darkroom-local's render slots and deadline (runLocalCall)", () => {
  it("answers 504 upstream_timeout when a JSON render passes LOCAL_TIMEOUT_MS", { timeout: 60_000 }, async () => {
    const url = await noiseDataUrl(2048);
    await expect(runLocalCall(input(url, { n: 3 }))).rejects.toMatchObject({ kind: "upstream_timeout", status: 504, message: "darkroom-local did not finish within 0.4 s." });
  });

  it("ends a stream past the deadline with an upstream_timeout error event, and settles it", { timeout: 60_000 }, async () => {
    const url = await noiseDataUrl(2048);
    const result = await runLocalCall(input(url, { n: 3, stream: true }));
    const text = await result.response.text();
    expect(text).toContain('"code":"upstream_timeout"');
    expect(text).not.toContain("[DONE]");
    const outcome = await result.outcome;
    expect(outcome.kind).not.toBe("completed");
  });

  it("refuses a call with 503 while the slot is taken, lets a studio job wait for it, and frees it when the stream ends", { timeout: 60_000 }, async () => {
    const small = await noiseDataUrl(16);
    const holder = await runLocalCall(input(small, { stream: true }));
    await expect(runLocalCall(input(small))).rejects.toMatchObject({ kind: "service_unavailable", status: 503, options: { retryAfterSeconds: 2 } });

    let waited = false;
    const job = runLocalCall(input(small, { waitForCapacity: true })).then((r) => {
      waited = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(waited).toBe(false);

    await holder.response.text(); // the stream runs to its end and gives the slot back
    const done = await job;
    expect((await done.outcome).kind).toBe("completed");
    expect(JSON.parse(await done.response.text())).toMatchObject({ object: "chat.completion", model: "darkroom-local" });
  });
});
