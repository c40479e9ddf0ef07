// POST /v1/chat/completions served by scripts/serve.ts without Next.js's request chain (once Next has loaded the
// route module): what a caller sees must be what Next gave, compression included. The gateway's other files
// exercise every behaviour through this path too (all their calls after each server's first).
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { seedModel } from "../factories/models";
import type { AppServer } from "../support/app-server";
import { expectOpenAiError, type GatewayFile, postChat, readChunks, settledUsage, setUpGatewayFile, userMessage } from "../support/gateway";

let server: AppServer;
let model: string;
let key: GatewayFile["key"];

setUpGatewayFile((file) => ({ server, key } = file), {
  seed: async () => {
    model = await seedModel({ label: "direct-route" });
  },
});

type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A call over node:http, which (unlike fetch) shows the bytes as sent: compressed or not. */
function rawChat(body: unknown, headers: Record<string, string> = {}, path = "/v1/chat/completions"): Promise<RawAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}${path}`,
      { method: "POST", headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const chat = (content: string, extra: Record<string, unknown> = {}) => ({ model, messages: [userMessage(content)], ...extra });

describe("served without Next's request chain", () => {
  it("after the first call (which loads the route module through Next), calls no longer carry Next's router headers", async () => {
    const first = await rawChat(chat("first"));
    expect(first.status).toBe(200);
    // Next's router marks every app response as varying on its own request headers; the direct path does not.
    const second = await rawChat(chat("second"));
    expect(second.status).toBe(200);
    expect(second.headers.vary).toBe("Accept-Encoding");
    expect(JSON.parse(second.body.toString("utf8"))).toMatchObject({ object: "chat.completion", model });
  });

  it("a non-stream answer is gzipped for a caller that accepts it, as Next's compression did, and plain otherwise", async () => {
    await rawChat(chat("warm"));
    const zipped = await rawChat(chat("zip"), { "accept-encoding": "gzip, deflate, br" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers["content-length"]).toBeUndefined();
    expect(JSON.parse(gunzipSync(zipped.body).toString("utf8"))).toMatchObject({ object: "chat.completion", model });
    const plain = await rawChat(chat("plain"));
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(plain.body.toString("utf8"))).toMatchObject({ object: "chat.completion", model });
    const usage = await settledUsage(new Response(null, { headers: { "x-request-id": String(zipped.headers["x-request-id"]) } }));
    expect(usage.status).toBe("succeeded");
  });

  it("a stream is never compressed (no-transform) and ends with [DONE]", async () => {
    await rawChat(chat("warm"));
    const streamed = await rawChat(chat("stream", { stream: true }), { "accept-encoding": "gzip" });
    expect(streamed.status).toBe(200);
    expect(streamed.headers["content-encoding"]).toBeUndefined();
    expect(streamed.headers["content-type"]).toBe("text/event-stream");
    expect(streamed.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(streamed.headers.vary).toBeUndefined();
    const { chunks, done } = readChunks(streamed.body.toString("utf8"));
    expect(done).toBe(true);
    expect(chunks.every((c) => c.model === model)).toBe(true);
  });

  it("an error answer keeps its status, OpenAI shape and headers", async () => {
    await rawChat(chat("warm"));
    const response = await postChat(server, "sk-not-a-key", chat("refused"));
    await expectOpenAiError(response, 401, { type: "invalid_request_error", code: "invalid_api_key" });
  });

  it("a query string does not change the route", async () => {
    const answer = await rawChat(chat("query"), {}, "/v1/chat/completions?api-version=2024-10-21");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString("utf8"))).toMatchObject({ object: "chat.completion" });
  });

  it("other methods on the path still get the gateway's unknown-URL error from Next", async () => {
    await rawChat(chat("warm"));
    const response = await fetch(`${server.url}/v1/chat/completions`, { method: "GET", headers: { authorization: `Bearer ${key.key}` } });
    await expectOpenAiError(response, 404, { type: "invalid_request_error", code: "unknown_url" });
  });
});
