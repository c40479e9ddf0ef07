// Shutdown honours SHUTDOWN_GRACE_MS with connections that never end by themselves: an idle keep-alive socket, an
// upgraded socket (what `npm run dev`'s HMR WebSocket is), a stream and a call still at the provider. After the
// grace, callers get an answer (a stream's last error event, a non-stream 503 with Retry-After), not a cut socket,
// their calls are settled, and the process is gone within the grace plus a few seconds.
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGracefulServer } from "../../scripts/server/graceful-server";
import { seedApiKey } from "../factories/api-keys";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import { expectLedgerClean, postChat, readChunks, startGateway, usageRecordsOf, userMessage } from "../support/gateway";

const GRACE_MS = 1_500;
// The answer window (1 s), closing Next and the shutdown hooks (bounded), the pool: a few seconds, never 30.
const MARGIN_MS = 6_000;

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  await fake?.close();
});

/** A raw connection that asks to upgrade and holds the upgraded socket open, as a browser's HMR WebSocket does. */
function openUpgradedSocket(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write("GET /_hmr HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
    });
    socket.once("data", () => resolve(socket));
    socket.once("error", reject);
  });
}

describe("shutdown with connections that never end", () => {
  it("the server closes upgraded, keep-alive and never-ending responses once the grace is over", async () => {
    const { server, shutdown } = createGracefulServer((req, res) => {
      if (req.url === "/sse") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(": open\n\n"); // and never ends
        return;
      }
      res.end("ok");
    });
    // As scripts/serve.ts does in development: the upgrade goes to its handler, which keeps the socket.
    server.on("upgrade", (_req, socket) => socket.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => http.get({ port, host: "127.0.0.1", agent, path: "/" }, (res) => res.resume().on("end", resolve)));
    const sse = await new Promise<http.IncomingMessage>((resolve) => http.get({ port, host: "127.0.0.1", path: "/sse" }, resolve));
    sse.resume();
    const upgraded = await openUpgradedSocket(port);
    const upgradedClosed = new Promise((resolve) => upgraded.once("close", resolve));

    const started = Date.now();
    await shutdown(300);
    const took = Date.now() - started;
    expect(took).toBeLessThan(300 + 2_500);
    await upgradedClosed;
    agent.destroy();
  });

  it("npm start: in-flight calls get a restarting answer, are settled, and the process exits within the grace", { timeout: 120_000 }, async () => {
    const server = await startGateway(fake, { env: { SHUTDOWN_GRACE_MS: String(GRACE_MS), LOG_LEVEL: "warn" } });
    const key = await seedApiKey();
    const tag = `shutdown-${Date.now()}`;
    const stream = await postChat(server, key.key, { model: "gpt-image-1", stream: true, messages: [userMessage(`${tag} stream`)], fake_scenario: "stall after=2" });
    expect(stream.status).toBe(200);
    const streamText = stream.text().catch((error: unknown) => `READ FAILED: ${String(error)}`);
    const nonStream = postChat(server, key.key, { model: "gpt-image-1", messages: [userMessage(`${tag} plain`)], fake_scenario: "hang" }).then(
      async (r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), requestId: r.headers.get("x-request-id"), body: await r.text() }),
      (error: unknown) => ({ status: 0, retryAfter: null, requestId: null, body: `FETCH FAILED: ${String(error)}` }),
    );
    await fake.waitFor((requests) => requests.filter((r) => r.rawBody.includes(tag)).length === 2);

    const started = Date.now();
    const exitCode = await server.stop("SIGTERM");
    const took = Date.now() - started;
    expect(exitCode).toBe(0);
    expect(took, `exited after ${took} ms`).toBeLessThan(GRACE_MS + MARGIN_MS);

    // The stream: what was relayed, then a last error event saying the server is restarting (no [DONE]).
    const { chunks, done } = readChunks(await streamText);
    expect(done).toBe(false);
    expect(chunks.at(-1)?.error).toMatchObject({ type: "service_unavailable", code: "service_unavailable", message: expect.stringMatching(/restarting/) });
    // The call still at the provider: 503 with Retry-After, OpenAI-shaped.
    const plain = await nonStream;
    expect(plain.status, plain.body).toBe(503);
    expect(Number(plain.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(plain.body)).toMatchObject({ error: { type: "service_unavailable", code: "service_unavailable", message: expect.stringMatching(/restarting/) } });

    // Both settled before the process went: the stream charged for what it relayed, the other released.
    const [streamRecord] = await usageRecordsOf(stream.headers.get("x-request-id")!);
    expect(streamRecord).toMatchObject({ status: "partial", hold_status: "settled" });
    expect(streamRecord!.credits).toBeGreaterThan(0);
    const [plainRecord] = await usageRecordsOf(plain.requestId!);
    expect(plainRecord).toMatchObject({ status: "failed", hold_status: "released", credits: 0 });
    await expectLedgerClean();
  });
});
