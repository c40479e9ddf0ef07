// Bounded resources per call, through the production server: bodies that drip in, clients that stop reading,
// and darkroom-local's output budget, render slots and per-image price.
import { randomBytes } from "node:crypto";
import net from "node:net";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import type { AppServer } from "../support/app-server";
import { expectOpenAiError, type GatewayFile, postChat, settledUsage, usageRecordsOf, setUpGatewayFile, userMessage } from "../support/gateway";

const REQUEST_TIMEOUT_MS = 3000;
const IDLE_MS = 2000;

let server: AppServer;
let key: GatewayFile["key"];

setUpGatewayFile((file) => ({ server, key } = file), {
  env: { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), UPSTREAM_IDLE_TIMEOUT_MS: String(IDLE_MS), LOCAL_MAX_CONCURRENCY: "1" },
});

/** Random pixels: a PNG that hardly compresses, the worst case for what darkroom-local sends back. */
const noiseDataUrl = async (side: number) =>
  `data:image/png;base64,${(await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer()).toString("base64")}`;

type RawClient = { socket: net.Socket; received: () => string; bytes: () => number; closedAt: Promise<number> };

/** A raw HTTP/1.1 client: writes `head`, then whatever the test writes; records what comes back and when it closes. */
function rawClient(head: string): RawClient {
  const socket = net.connect(server.port, "127.0.0.1");
  let text = "";
  let bytes = 0;
  socket.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    if (text.length < 4096) text += chunk.toString("latin1");
  });
  socket.on("error", () => {});
  const closedAt = new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now())));
  socket.write(head);
  return { socket, received: () => text, bytes: () => bytes, closedAt };
}

/** Writes one byte every 200 ms until the socket closes: a body that drips in. */
function drip(client: RawClient): () => void {
  const timer = setInterval(() => {
    if (!client.socket.destroyed) client.socket.write("a");
  }, 200);
  void client.closedAt.then(() => clearInterval(timer));
  return () => clearInterval(timer);
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms))]);

describe("request bodies", () => {
  it("answers an unauthenticated body dripping into /api/gallery/zip with 401 from the headers, and closes the socket", async () => {
    const started = Date.now();
    const client = rawClient(
      `POST /api/gallery/zip HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 100000\r\n\r\nworkspace=`,
    );
    const stop = drip(client);
    const closedAt = await within(client.closedAt, 10_000);
    stop();
    client.socket.destroy();
    expect(closedAt).not.toBe("timeout");
    expect(client.received()).toMatch(/^HTTP\/1\.1 401 /);
    // Closed as soon as the answer was out, not by the request timeout.
    expect((closedAt as number) - started).toBeLessThan(REQUEST_TIMEOUT_MS);
  });

  it("cuts a body that drips in after REQUEST_TIMEOUT_MS, even from a valid key", async () => {
    const started = Date.now();
    const client = rawClient(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nauthorization: Bearer ${key.key}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{`,
    );
    const stop = drip(client);
    const closedAt = await within(client.closedAt, REQUEST_TIMEOUT_MS + 7_000);
    stop();
    client.socket.destroy();
    expect(closedAt).not.toBe("timeout");
    expect((closedAt as number) - started).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 500);
  });
});

describe("darkroom-local bounds", () => {
  it("drops a client that stops reading a stream after UPSTREAM_IDLE_TIMEOUT_MS and settles its call; the busy render slot answers others 503", { timeout: 90_000 }, async () => {
    // One 1024² noise image, four results: about 30 MB of stream, far more than the socket buffers hold.
    const body = JSON.stringify({ model: "darkroom-local", stream: true, n: 4, messages: [userMessage("rotate 180", await noiseDataUrl(1024))] });
    const client = rawClient(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nauthorization: Bearer ${key.key}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await vi.waitFor(() => expect(client.received()).toMatch(/\r\nx-request-id: req_\w+/i), { timeout: 30_000, interval: 20 });
    client.socket.pause(); // and never read again
    const requestId = /\r\nx-request-id: (req_\w+)/i.exec(client.received())![1]!;

    // Its render slot is taken (LOCAL_MAX_CONCURRENCY=1): another call is refused at once, nothing charged.
    const busy = await postChat(server, key.key, { model: "darkroom-local", messages: [userMessage("invert", await noiseDataUrl(8))] });
    expect(busy.headers.get("retry-after")).toBeTruthy();
    await expectOpenAiError(busy, 503, { type: "service_unavailable", code: "service_unavailable", message: /darkroom-local is busy/ });
    expect(await settledUsage(busy)).toMatchObject({ status: "failed", credits: 0, hold_status: "released" });

    const settled = await vi.waitFor(
      async () => {
        const [row] = await usageRecordsOf(requestId);
        if (!row || row.status === "pending") throw new Error(`${requestId} is still pending`);
        return row;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(settled.hold_status).not.toBe("open");
    expect(["partial", "failed", "cancelled"]).toContain(settled.status);

    // The server closed the connection: reading again finds its end, long before the whole stream.
    client.socket.resume();
    expect(await within(client.closedAt, 10_000)).not.toBe("timeout");
    expect(client.bytes()).toBeLessThan(30 * 1024 * 1024);
  });

  it("refuses n=10 results of 2048² noise with output_too_large and charges nothing", { timeout: 120_000 }, async () => {
    const response = await postChat(server, key.key, { model: "darkroom-local", n: 10, messages: [userMessage("rotate 180", await noiseDataUrl(2048))] });
    await expectOpenAiError(response, 400, { type: "invalid_request_error", code: "output_too_large", param: "n", message: /output budget of 64 MB/ });
    expect(await settledUsage(response)).toMatchObject({ status: "failed", credits: 0, hold_status: "released" });
  });

  it("prices each output image", async () => {
    const response = await postChat(server, key.key, { model: "darkroom-local", n: 2, messages: [userMessage("invert", await noiseDataUrl(16))] });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    // 1 per request + 1 per image (the seed catalog's darkroom-local has no token prices).
    expect(await settledUsage(response)).toMatchObject({ status: "succeeded", images: 2, credits: 3 });
  });

  it("holds for every result of a multi-image offline edit (inputs × n), so its charge never exceeds its hold", async () => {
    const response = await postChat(server, key.key, {
      model: "darkroom-local",
      n: 2,
      messages: [userMessage("invert", await noiseDataUrl(16), await noiseDataUrl(24))],
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    // 2 inputs × 2 variations = 4 results: 1 + 4 credits, within a hold of 2 × 2 × (1 + 1) = 8 (it was 4: overage).
    expect(await settledUsage(response)).toMatchObject({ status: "succeeded", images: 4, credits: 5, overage: false, hold_amount: 8 });
  });
});
