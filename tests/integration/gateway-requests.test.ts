// What the caller's request alone decides, before anything is admitted or sent upstream: 400 (with `param`
// naming the path), 401, 403, 404, 413, 415, Accept, CORS and unknown /v1 paths. Every error is OpenAI-shaped,
// leaves no usage record, and reaches no upstream.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import { seedApiKey } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { seedUser } from "../factories/users";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import { expectOpenAiError, INPUT_IMAGE_DATA_URL, postChat, startGateway, usageRecordsOf, userMessage } from "../support/gateway";

const MAX_BODY = 4096;

let fake: FakeUpstream;
let server: AppServer;
let small: AppServer;
let model: string;
let disabledModel: string;
let key: Awaited<ReturnType<typeof seedApiKey>>;

beforeAll(async () => {
  fake = await startFakeUpstream();
  [model, disabledModel] = await Promise.all([seedModel({ label: "requests" }), seedModel({ label: "requests-off", enabled: false })]);
  [server, small] = await Promise.all([startGateway(fake), startGateway(fake, { env: { GATEWAY_MAX_BODY_BYTES: String(MAX_BODY) } })]);
  key = await seedApiKey();
});

afterAll(async () => {
  await Promise.all([server?.stop(), small?.stop()]);
  await fake?.close();
  await closeDb();
});

const valid = () => ({ model, messages: [userMessage("hello", INPUT_IMAGE_DATA_URL)] });

/** A refusal: nothing admitted (no usage record for its request id) and nothing sent upstream. */
async function expectRefusedEarly(call: () => Promise<Response>, status: number, error: Parameters<typeof expectOpenAiError>[2]) {
  const before = fake.requests.length;
  const response = await call();
  const body = await expectOpenAiError(response, status, error);
  expect(await usageRecordsOf(response.headers.get("x-request-id")!)).toEqual([]);
  expect(fake.requests.length).toBe(before);
  return { response, body };
}

function expectRateLimitHeaders(response: Response) {
  expect(response.headers.get("x-ratelimit-limit-requests")).toBe("100000");
  expect(Number(response.headers.get("x-ratelimit-remaining-requests"))).toBeGreaterThan(0);
  expect(response.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+s$/);
}

describe("400 invalid_request_error", () => {
  const invalid = "invalid_request_error";

  it("malformed JSON and a body that is not an object", async () => {
    for (const raw of ["{", '{"model": "x",}', "[]", '"text"', ""]) {
      await expectRefusedEarly(() => postChat(server, key.key, raw), 400, { type: invalid, code: null, param: null });
    }
  });

  it.each<[string, (body: ReturnType<typeof valid>) => unknown, string, string | null]>([
    ["no model", ({ model: _m, ...rest }) => rest, "model", null],
    ["model not a string", (b) => ({ ...b, model: 42 }), "model", null],
    ["no messages", ({ messages: _m, ...rest }) => rest, "messages", null],
    ["empty messages", (b) => ({ ...b, messages: [] }), "messages", null],
    ["101 messages", (b) => ({ ...b, messages: Array.from({ length: 101 }, () => userMessage("x")) }), "messages", null],
    ["an unknown role", (b) => ({ ...b, messages: [{ role: "robot", content: "x" }] }), "messages[0].role", null],
    ["65 parts in one message", (b) => ({ ...b, messages: [{ role: "user", content: Array.from({ length: 65 }, () => ({ type: "text", text: "x" })) }] }), "messages[0].content", null],
    ["content neither string nor parts", (b) => ({ ...b, messages: [{ role: "user", content: 5 }] }), "messages[0].content", null],
    ["a text part without text", (b) => ({ ...b, messages: [{ role: "user", content: [{ type: "text" }] }] }), "messages[0].content[0].text", null],
    ["an unknown part type", (b) => ({ ...b, messages: [{ role: "user", content: [{ type: "text", text: "x" }, { type: "audio", audio: {} }] }] }), "messages[0].content[1].type", null],
    ["an ftp:// image URL", (b) => ({ ...b, messages: [userMessage("x", "ftp://example.com/a.png")] }), "messages[0].content[1].image_url.url", "invalid_image_url"],
    ["a file:// image URL", (b) => ({ ...b, messages: [userMessage("x", INPUT_IMAGE_DATA_URL, "file:///etc/passwd")] }), "messages[0].content[2].image_url.url", "invalid_image_url"],
    ["an SVG data: URL", (b) => ({ ...b, messages: [userMessage("x", "data:image/svg+xml;base64,PHN2Zz4=")] }), "messages[0].content[1].image_url.url", "invalid_image_url"],
    // Checked by the bytes for every model (issue 8): the URL's media type is only a claim.
    ["a data:image/png URL holding HTML", (b) => ({ ...b, messages: [userMessage("x", INPUT_IMAGE_DATA_URL, `data:image/png;base64,${Buffer.from("<html><body>hi</body></html>").toString("base64")}`)] }), "messages[0].content[2].image_url.url", "invalid_image_url"],
    ["an empty data:image/jpeg URL", (b) => ({ ...b, messages: [{ role: "user", content: "x" }, userMessage("y", "data:image/jpeg;base64,")] }), "messages[1].content[1].image_url.url", "invalid_image_url"],
    ["an unknown detail", (b) => ({ ...b, messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: INPUT_IMAGE_DATA_URL, detail: "ultra" } }] }] }), "messages[0].content[0].image_url.detail", null],
    ["n = 0", (b) => ({ ...b, n: 0 }), "n", null],
    ["n = 11", (b) => ({ ...b, n: 11 }), "n", null],
    ["n = 1.5", (b) => ({ ...b, n: 1.5 }), "n", null],
    ["stream not a boolean", (b) => ({ ...b, stream: "yes" }), "stream", null],
  ])("%s: param %s", async (_label, mutate, param, code) => {
    const { body } = await expectRefusedEarly(() => postChat(server, key.key, mutate(valid())), 400, { type: invalid, code, param });
    expect(body.message).toContain(param);
  });

  it("JSON nested deeper than 32 levels (the body object is level 1); 32 levels pass", async () => {
    const nested = (levels: number) => {
      let value: unknown = [];
      for (let i = 2; i < levels; i++) value = [value];
      return { ...valid(), extra: value };
    };
    await expectRefusedEarly(() => postChat(server, key.key, nested(33)), 400, { type: invalid, code: null, message: /32/ });
    const response = await postChat(server, key.key, nested(32));
    expect(response.status, await response.text()).toBe(200);
  });

  it("a bad Idempotency-Key: empty, too long, not printable ASCII", async () => {
    for (const idempotencyKey of ["", "x".repeat(256), "tab\there", "caf\u00e9"]) {
      await expectRefusedEarly(() => postChat(server, key.key, valid(), { headers: { "idempotency-key": idempotencyKey } }), 400, {
        type: invalid,
        code: null,
      });
    }
  });

  it("errors to an authenticated key carry the rate-limit headers", async () => {
    const { response } = await expectRefusedEarly(() => postChat(server, key.key, "{"), 400, { type: invalid, code: null });
    expectRateLimitHeaders(response);
  });
});

describe("401 invalid_api_key", () => {
  it("no, malformed, unknown keys and other schemes: one body for all, no rate-limit headers", async () => {
    const calls: (() => Promise<Response>)[] = [
      () => fetch(`${server.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(valid()) }),
      () => postChat(server, "", valid()),
      () => postChat(server, "sk-not-a-darkroom-key", valid()),
      () => postChat(server, `dk_${"A".repeat(40)}`, valid()),
      () => postChat(server, `${key.key}x`, valid()),
      () => postChat(server, key.key, valid(), { headers: { authorization: `Basic ${Buffer.from(`user:${key.key}`).toString("base64")}` } }),
      () => postChat(server, key.key, valid(), { headers: { authorization: `Bearer ${key.key} extra` } }),
    ];
    const bodies = [];
    for (const call of calls) {
      const { response, body } = await expectRefusedEarly(call, 401, { type: "invalid_request_error", code: "invalid_api_key", param: null });
      expect(response.headers.get("x-ratelimit-limit-requests")).toBeNull();
      bodies.push(body);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it("the key is checked before the body: a bad key with a bad body is 401", async () => {
    await expectRefusedEarly(() => postChat(server, "nope", "{", { headers: { "content-type": "text/plain" } }), 401, {
      type: "invalid_request_error",
      code: "invalid_api_key",
    });
  });
});

describe("403 permission_error", () => {
  it("model_not_allowed: a key limited to other models", async () => {
    const limited = await seedApiKey({ models: ["darkroom-local"] });
    const { response } = await expectRefusedEarly(() => postChat(server, limited.key, valid()), 403, {
      type: "permission_error",
      code: "model_not_allowed",
      param: "model",
    });
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("100000");
  });

  it("workspace_suspended: nothing admitted, nothing sent upstream, credits untouched", async () => {
    const owner = await seedUser();
    const suspended = await seedApiKey({ owner });
    await getPool().query(`UPDATE workspaces SET suspended = true WHERE id = $1`, [owner.workspaceId]);
    await expectRefusedEarly(() => postChat(server, suspended.key, valid()), 403, { type: "permission_error", code: "workspace_suspended" });
    const { rows } = await getPool().query(`SELECT balance, held FROM workspaces WHERE id = $1`, [owner.workspaceId]);
    expect(rows[0]).toEqual({ balance: 1000, held: 0 });
  });
});

describe("404 model_not_found", () => {
  it.each([
    ["an unknown model", () => "no-such-model"],
    ["a disabled model", () => disabledModel],
  ])("%s", async (_label, modelId) => {
    await expectRefusedEarly(() => postChat(server, key.key, { ...valid(), model: modelId() }), 404, {
      type: "invalid_request_error",
      code: "model_not_found",
      param: "model",
    });
  });
});

describe("413 request_too_large", () => {
  const oversized = () => ({ ...valid(), messages: [userMessage("x".repeat(MAX_BODY))] });

  it("a body over GATEWAY_MAX_BODY_BYTES; one just under it passes", async () => {
    await expectRefusedEarly(() => postChat(small, key.key, oversized()), 413, { type: "invalid_request_error", code: "request_too_large" });
    const fits = { ...valid(), messages: [userMessage("x".repeat(MAX_BODY - INPUT_IMAGE_DATA_URL.length - 300), INPUT_IMAGE_DATA_URL)] };
    expect(JSON.stringify(fits).length).toBeLessThan(MAX_BODY);
    const response = await postChat(small, key.key, fits);
    expect(response.status, await response.text()).toBe(200);
  });

  it("a chunked body that never ends is refused once it passes the limit, without reading the rest", async () => {
    const chunk = new TextEncoder().encode(`{"model":"${model}","messages":[{"role":"user","content":"${"x".repeat(1024)}`);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${small.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    // The body never ends, so the answer came while it was still being sent; the server stopped reading early.
    await expectOpenAiError(response, 413, { type: "invalid_request_error", code: "request_too_large" });
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });
});

describe("415 unsupported_media_type and Accept", () => {
  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"])("Content-Type %s", async (type) => {
    const { response } = await expectRefusedEarly(() => postChat(server, key.key, valid(), { headers: { "content-type": type } }), 415, {
      type: "invalid_request_error",
      code: "unsupported_media_type",
    });
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("100000");
  });

  it("a charset parameter and any Accept header are fine", async () => {
    const variants: Record<string, string>[] = [
      { "content-type": "application/json; charset=utf-8" },
      { "content-type": "Application/JSON;charset=UTF-8", accept: "text/event-stream" },
      { accept: "*/*" },
      { accept: "image/png" },
      { accept: "application/json" },
    ];
    for (const headers of variants) {
      const response = await postChat(server, key.key, valid(), { headers });
      expect(response.status, `${JSON.stringify(headers)}: ${await response.clone().text()}`).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expectRateLimitHeaders(response);
      await response.arrayBuffer();
    }
  });
});

describe("cross-origin and unknown paths", () => {
  it.each(["/v1/chat/completions", "/v1/models"])("a preflight to %s is answered for any origin", async (path) => {
    const response = await fetch(`${server.url}${path}`, {
      method: "OPTIONS",
      headers: {
        origin: "https://tool.example",
        "access-control-request-method": path.endsWith("models") ? "GET" : "POST",
        "access-control-request-headers": "authorization, content-type, idempotency-key, x-stainless-os",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toContain(path.endsWith("models") ? "GET" : "POST");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("idempotency-key");
  });

  it("a browser can read the request id and the rate-limit headers of a success", async () => {
    const response = await postChat(server, key.key, valid(), { headers: { origin: "https://tool.example" } });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const exposed = response.headers.get("access-control-expose-headers")?.toLowerCase() ?? "";
    for (const name of ["x-request-id", "x-ratelimit-remaining-requests", "retry-after"]) expect(exposed).toContain(name);
  });

  it.each([
    ["GET", "/v1"],
    ["GET", "/v1/nope"],
    ["POST", "/v1/embeddings"],
    ["POST", "/v1/images/edits"],
    ["DELETE", "/v1/models/gpt-image-1"],
    ["GET", "/v1/chat/completions"],
    ["POST", "/v1/models"],
  ])("%s %s answers an OpenAI-shaped 404", async (method, path) => {
    const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${key.key}` } });
    const error = await expectOpenAiError(response, 404, { type: "invalid_request_error", code: "unknown_url" });
    expect(error.message).toContain(path);
  });
});
