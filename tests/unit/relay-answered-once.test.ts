// An upstream that answered, then broke the connection, has the request: it is never sent again (issue 8, item 1).
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { startFakeUpstream, type FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";
import { relayChatCompletion } from "@/lib/gateway/relay/relay-chat-completion";
import { dataLines, makeInput, readText, relay, relayConfig } from "./relay-harness";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

/** The relay has given its answer; a retry would have reached the fake before that. */
const attempts = () => upstream.requests.length;

async function relayError(scenario: string, stream = false): Promise<GatewayError> {
  const error = await relay(upstream, makeInput(scenario, { stream })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe("relay: once the provider has answered, the request is never sent again", () => {
  it("stream: headers, events and a reset in one tick → 200, what arrived, the error event, outcome cut; one request", async () => {
    const { response, outcome } = await relay(upstream, makeInput("burst-cut after=3", { stream: true }));
    expect(response.status).toBe(200);
    const text = await readText(response);
    expect(text).toContain("progress **20%**");
    expect(text).not.toContain("[DONE]");
    const error = JSON.parse(dataLines(text).at(-1)!).error;
    expect(error).toMatchObject({ type: "upstream_error", code: "upstream_error", message: expect.stringMatching(/broke off/) });
    expect(await outcome).toMatchObject({ kind: "cut", callerAborted: false });
    expect(attempts()).toBe(1);
  });

  it.each(["burst-cut", "burst-cut fin"])("non-stream %s: 502 'broke off', one request", async (scenario) => {
    const error = await relayError(scenario);
    expect(error).toMatchObject({ status: 502, code: "upstream_error" });
    expect(error.message).toMatch(/broke off/);
    expect(attempts()).toBe(1);
  });

  it.each([true, false])("a reset right after the headers (stream %s): one request, never 'could not reach'", async (stream) => {
    if (stream) {
      const { response, outcome } = await relay(upstream, makeInput("reset-after-headers", { stream }));
      expect(response.status).toBe(200);
      expect(JSON.parse(dataLines(await readText(response)).at(-1)!).error.message).toMatch(/broke off/);
      expect(await outcome).toMatchObject({ kind: "failed", textChars: 0, images: 0 });
    } else {
      expect((await relayError("reset-after-headers")).message).toMatch(/broke off/);
    }
    expect(attempts()).toBe(1);
  });

  it.each([true, false])("a reset after the status line, inside the headers (stream %s): 502 'broke off', one request", async (stream) => {
    const error = await relayError("reset-in-headers", stream);
    expect(error).toMatchObject({ status: 502, code: "upstream_error" });
    expect(error.message).toMatch(/broke off/);
    expect(attempts()).toBe(1);
  });

});

// The contract retries only what never reached the provider. A provider that writes its answer and destroys the
// socket in the same tick may leave the client with nothing but a close or a reset (Node had not flushed, or the
// kernel reset a socket closed with request bytes unread, dropping what it had not delivered): the provider still
// has the request and may be generating it, so it is never sent again.
describe("relay: a request written to the provider is never sent again, even when nothing came back", () => {
  it.each([
    ["a bare close (writeHead, write, destroy in one tick)", "burst-cut noflush fin"],
    ["a reset with no byte (the same, with an RST)", "burst-cut noflush"],
  ])("%s: 502 'closed … before any answer arrived', one request, stream and not", async (_label, scenario) => {
    for (const stream of [false, true]) {
      upstream.reset();
      const error = await relayError(scenario, stream);
      expect(error).toMatchObject({ status: 502, code: "upstream_error" });
      expect(error.message).toBe("The upstream provider closed the connection before any answer arrived.");
      expect(attempts()).toBe(1);
    }
  });

  it.each([false, true])("raw: the answer written to the socket and the socket destroyed, the request body unread (stream %s): one request", async (stream) => {
    let connections = 0;
    // Framed (chunked, or a content-length), so the close cannot pass for the end of the body.
    const event = `data: ${JSON.stringify({ id: "x", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content: "progress 10%" } }] })}\n\n`;
    const head = stream ? "content-type: text/event-stream\r\ntransfer-encoding: chunked\r\n" : "content-type: application/json\r\ncontent-length: 400\r\n";
    const chunk = stream ? `${Buffer.byteLength(event).toString(16)}\r\n${event}\r\n` : '{"id":"x","choices":[';
    const server = net.createServer((socket) => {
      connections++;
      socket.on("error", () => {});
      // Answers as soon as the request starts arriving; most of the body is still unread, so the kernel resets.
      socket.once("data", () => {
        socket.write(`HTTP/1.1 200 OK\r\n${head}\r\n${chunk}`);
        socket.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const call = makeInput("text", { stream, extra: { padding: "x".repeat(8 << 20) } });
      const result = await relayChatCompletion(call.input, { ...relayConfig(upstream), baseUrl: `http://127.0.0.1:${port}/v1` }).catch((e: unknown) => e);
      if (result instanceof GatewayError) {
        expect(result).toMatchObject({ status: 502, code: "upstream_error" });
        expect(result.message).toMatch(/broke off|before any answer arrived/);
      } else {
        // The kernel delivered the headers before the reset: the 200 stands and the stream ends with the error.
        const { response, outcome } = result as Awaited<ReturnType<typeof relayChatCompletion>>;
        expect(stream).toBe(true);
        expect(JSON.parse(dataLines(await readText(response)).at(-1)!).error.message).toMatch(/broke off/);
        expect((await outcome).kind).not.toBe("completed");
      }
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });
});
