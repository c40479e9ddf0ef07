import diagnosticsChannel from "node:diagnostics_channel";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { parseRetryAfter } from "@/lib/gateway/relay/parse-retry-after";
import { startFakeUpstream, type FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";
import { makeInput, readText, relay, relayConfig } from "./relay-harness";
import { getUpstreamAgent } from "@/lib/gateway/relay/get-upstream-agent";
import { relayChatCompletion } from "@/lib/gateway/relay/relay-chat-completion";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

describe("relay retries", () => {
  it.each([false, true])("retries 503s, then relays the success (stream %s)", async (stream) => {
    const { response, outcome } = await relay(upstream, makeInput("fail-then-ok fail=2 status=503", { stream }));
    expect(response.status).toBe(200);
    await readText(response);
    expect((await outcome).kind).toBe("completed");
    expect(upstream.requests.map((r) => r.seq)).toHaveLength(3);
  });

  it("retries a 502 twice, then gives up with 502 upstream_error", async () => {
    const error = await relay(upstream, makeInput("fail-then-ok fail=3 status=502")).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 502, code: "upstream_error" });
    expect(upstream.requests).toHaveLength(3);
  });

  it("honours Retry-After on a rate-limit 429", async () => {
    const started = Date.now();
    const { response } = await relay(upstream, makeInput("fail-then-ok fail=1 status=429 retry_after=1"));
    await readText(response);
    const [first, second] = upstream.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it("does not wait for a Retry-After beyond the cap: fails at once", async () => {
    const error = await relay(upstream, makeInput("rate-limit retry_after=30")).catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: "upstream_error" });
    expect(upstream.requests).toHaveLength(1);
  });

  it.each([false, true])("never retries the provider's insufficient_quota, nor reports it as the caller's (stream %s)", async (stream) => {
    const error = await relay(upstream, makeInput("insufficient-quota", { stream })).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 502, type: "upstream_error", code: "upstream_error" });
    expect(upstream.requests).toHaveLength(1);
  });

  it.each(["status-500", "status-400", "status-404", "html-500"])("%s: 502 without retry", async (scenario) => {
    const error = await relay(upstream, makeInput(scenario, { stream: true })).catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: "upstream_error" });
    expect(error.message).toMatch(/HTTP \d{3}/);
    expect(upstream.requests).toHaveLength(1);
  });

  it("stops retrying when the caller leaves during the backoff", async () => {
    const call = makeInput("fail-then-ok fail=2 status=429 retry_after=5");
    const pending = relay(upstream, call).catch((e) => e);
    await upstream.waitFor((r) => r[0]?.finishedAt !== undefined);
    call.abort();
    expect(await pending).toMatchObject({ name: "AbortError" });
    expect(upstream.requests).toHaveLength(1);
  });

  it("never retries a connection that took the whole request and closed unanswered: 502 saying so", async () => {
    let connections = 0;
    let requestBytes = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.on("data", (chunk: Buffer) => {
        requestBytes += chunk.length;
        if (chunk.includes("fake_scenario")) socket.destroy(); // the body is in: the provider has the request
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const call = makeInput("text");
      const error = await relayChatCompletion(call.input, { ...relayConfig(upstream), baseUrl: `http://127.0.0.1:${port}/v1` }).catch((e) => e);
      expect(error).toMatchObject({ status: 502, code: "upstream_error", message: "The upstream provider closed the connection before any answer arrived." });
      expect(requestBytes).toBeGreaterThan(0);
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });

  it("retries a connection that was refused: the provider that then accepts answers, once", async () => {
    // A port nobody listens on; the provider starts listening there once the first connect has been refused.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    let late: FakeUpstream | undefined;
    let starting: Promise<FakeUpstream> | undefined;
    const onConnectError = () => (starting ??= startFakeUpstream({ port }).then((f) => (late = f)));
    diagnosticsChannel.subscribe("undici:client:connectError", onConnectError);
    try {
      const call = makeInput("text");
      const { response } = await relayChatCompletion(call.input, { ...relayConfig(upstream), baseUrl: `http://127.0.0.1:${port}/v1`, retryBaseMs: 500 });
      expect(response.status).toBe(200);
      expect(JSON.parse(await readText(response)).choices[0].message.content).toBeTruthy();
      expect(late!.requests).toHaveLength(1);
    } finally {
      diagnosticsChannel.unsubscribe("undici:client:connectError", onConnectError);
      await (await starting)?.close();
    }
  });

  it("a keep-alive connection the provider closed while idle is not reused: the next call is answered at once", async () => {
    // Requests written to a closing keep-alive socket are no longer retried, so a socket the client saw close
    // must never carry one: the provider here drops idle connections after 100 ms.
    let requests = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        requests++;
        const completion = { id: `x${requests}`, object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }] };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion));
      });
    });
    server.keepAliveTimeout = 100;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const config = { ...relayConfig(upstream), baseUrl: `http://127.0.0.1:${port}/v1` };
    try {
      const closedByProvider = new Promise<void>((resolve) => server.once("connection", (socket) => socket.once("close", () => resolve())));
      const first = await relayChatCompletion(makeInput("text").input, config);
      expect(first.response.status).toBe(200);
      await closedByProvider;
      // The client sees the close too (undici's pool reports the connection gone) before the next call.
      await new Promise<void>((resolve) => {
        const check = () => (getUpstreamAgent().stats[new URL(config.baseUrl).origin]?.connected ? setImmediate(check) : resolve());
        check();
      });
      const second = await relayChatCompletion(makeInput("text").input, config);
      expect(second.response.status).toBe(200);
      expect(requests).toBe(2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("answers 502 when nothing listens", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    let refused = 0;
    const onConnectError = () => refused++;
    diagnosticsChannel.subscribe("undici:client:connectError", onConnectError);
    try {
      const call = makeInput("text", { stream: true });
      const error = await relayChatCompletion(call.input, { ...relayConfig(upstream), baseUrl: `http://127.0.0.1:${port}/v1` }).catch((e) => e);
      expect(error).toMatchObject({ status: 502, code: "upstream_error", message: "Could not reach the upstream provider." });
      expect(refused).toBe(3); // the first attempt and both retries
    } finally {
      diagnosticsChannel.unsubscribe("undici:client:connectError", onConnectError);
    }
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds, HTTP-dates and retry-after-ms", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter({ "retry-after": "2" }, now)).toBe(2_000);
    expect(parseRetryAfter({ "retry-after": "0.5" }, now)).toBe(500);
    expect(parseRetryAfter({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }, now)).toBe(3_000);
    expect(parseRetryAfter({ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" }, now)).toBe(0);
    expect(parseRetryAfter({ "retry-after-ms": "250", "retry-after": "9" }, now)).toBe(250);
    expect(parseRetryAfter({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });
});
