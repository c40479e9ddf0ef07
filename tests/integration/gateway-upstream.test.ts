// When the upstream fails: 502 upstream_error (5xx, HTML, garbage, a 200 error body, the provider's own
// insufficient_quota), 504 upstream_timeout (idle and total deadlines), retries that honour Retry-After and never
// follow insufficient_quota, and a charge of 0 with the hold released whenever nothing was produced.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { seedApiKey } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { startFakeUpstream, type FakeRequest, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import { booksOf, expectLedgerClean, expectOpenAiError, fakeRequestsWith, postChat, readChunks, settledUsage, startGateway, userMessage } from "../support/gateway";

let fake: FakeUpstream;
let server: AppServer;
/** Short deadlines: 1.5 s of upstream silence, 3 s in total, a 5 s commit window. */
let strict: AppServer;
/** Its UPSTREAM_BASE_URL is a port nothing listens on. */
let unreachable: AppServer;
let model: string;

beforeAll(async () => {
  fake = await startFakeUpstream();
  model = await seedModel({ label: "upstream" });
  [server, strict, unreachable] = await Promise.all([
    startGateway(fake),
    startGateway(fake, { env: { UPSTREAM_IDLE_TIMEOUT_MS: "1500", UPSTREAM_TIMEOUT_MS: "3000", STREAM_COMMIT_MS: "5000" } }),
    // Port 1 (tcpmux): nothing listens there, so every connect is refused.
    startGateway(fake, { env: { UPSTREAM_BASE_URL: "http://127.0.0.1:1/v1" } }),
  ]);
});

afterAll(async () => {
  // Every upstream failure maps to the error table: none may be logged as an unexpected error.
  for (const s of [server, strict, unreachable]) expect(s?.logs() ?? "").not.toContain("unexpected gateway error");
  await Promise.all([server?.stop(), strict?.stop(), unreachable?.stop()]);
  await fake?.close();
  await expectLedgerClean();
  await closeDb();
});

/** The fake's records of one scenario (each test names its own, so counts are its own). */
const attemptsOf = (tag: string) => fakeRequestsWith(fake, tag);

function body(scenario: string, extra: Record<string, unknown> = {}) {
  const tag = randomUUID();
  return { tag, body: { model, messages: [userMessage(`draw ${tag}`)], fake_scenario: scenario, ...extra } };
}

/** Nothing produced: the record failed with no usage, charge 0, the hold released in full, the balance untouched. */
async function expectChargedNothing(response: Response, workspaceId: string) {
  expect(response.headers.get("x-ratelimit-limit-requests")).toBe("100000"); // on every response to a key
  const record = await settledUsage(response);
  expect(record).toMatchObject({
    status: "failed",
    credits: 0,
    hold_status: "released",
    prompt_tokens: null,
    completion_tokens: null,
    total_tokens: null,
    usage_source: null,
    images: 0,
  });
  expect(await booksOf(workspaceId)).toEqual({ balance: 1000, held: 0 });
}

describe.concurrent("502 upstream_error, charge 0", () => {
  it.each([
    ["an upstream 500", "status-500", 1],
    ["an upstream 400", "status-400", 1],
    ["an HTML error page", "html-500", 1],
    ["an HTML page with status 200", "html-200", 1],
    ["malformed JSON with status 200", "malformed-json", 1],
    ["a 200 whose body is an error object", "error-event", 1],
    ["an upstream 502, after 2 retries", "status-502", 3],
    ["an upstream 503, after 2 retries", "status-503", 3],
  ])("non-stream: %s", async (_label, scenario, attempts) => {
    const key = await seedApiKey();
    const call = body(scenario);
    const response = await postChat(server, key.key, call.body);
    const error = await expectOpenAiError(response, 502, { type: "upstream_error", code: "upstream_error", param: null });
    expect(error.message).not.toMatch(/cloudflare|<html|content policy/i); // the provider's body is never relayed
    expect(attemptsOf(call.tag)).toHaveLength(attempts);
    await expectChargedNothing(response, key.workspaceId);
  });

  it.each([
    ["an upstream 500", "status-500", 1],
    ["an upstream 503, after 2 retries", "status-503", 3],
    ["an HTML error page", "html-500", 1],
  ])("stream, inside the commit window: %s answers with its status, not a 200", async (_label, scenario, attempts) => {
    const key = await seedApiKey();
    const call = body(scenario, { stream: true });
    const response = await postChat(server, key.key, call.body);
    await expectOpenAiError(response, 502, { type: "upstream_error", code: "upstream_error" });
    expect(attemptsOf(call.tag)).toHaveLength(attempts);
    await expectChargedNothing(response, key.workspaceId);
  });

  it.each([false, true])("the provider's insufficient_quota (stream: %s) is a 502 for the caller, never retried", async (stream) => {
    const key = await seedApiKey();
    const call = body("insufficient-quota", { stream });
    const response = await postChat(server, key.key, call.body);
    expect(response.headers.get("x-should-retry")).toBeNull();
    const error = await expectOpenAiError(response, 502, { type: "upstream_error", code: "upstream_error" });
    expect(error.message).not.toMatch(/your current quota|billing/i);
    expect(attemptsOf(call.tag)).toHaveLength(1);
    await expectChargedNothing(response, key.workspaceId);
  });

  it.each([false, true])("an upstream that cannot be reached (stream: %s): 502 after the retries, charge 0", async (stream) => {
    const key = await seedApiKey();
    const response = await postChat(unreachable, key.key, body("markdown-url", { stream }).body);
    await expectOpenAiError(response, 502, { type: "upstream_error", code: "upstream_error", message: /^Could not reach the upstream provider\.$/ });
    await expectChargedNothing(response, key.workspaceId);
  });

  it("a stream that breaks off after the commit but before any output: an error event, charge 0", async () => {
    const key = await seedApiKey();
    const call = body("cut after=1", { stream: true });
    const response = await postChat(server, key.key, call.body);
    expect(response.status).toBe(200);
    const { chunks, done } = readChunks(await response.text());
    expect(done).toBe(false);
    expect(chunks.map((c) => c.choices?.[0]?.delta?.content ?? c.error?.type)).toEqual(["", "upstream_error"]);
    await expectChargedNothing(response, key.workspaceId);
  });
});

// Issue 8, item 1: an upstream that has answered is working on the request, so it is never sent again; a message
// never claims what did not happen ("could not reach" an upstream that answered).
describe.concurrent("an upstream that answered, then broke the connection: one upstream request", () => {
  it("stream, headers and events and a reset in one tick: 200, what arrived, the error event, settled partial", async () => {
    const key = await seedApiKey();
    const call = body("burst-cut after=3", { stream: true });
    const response = await postChat(server, key.key, call.body);
    expect(response.status).toBe(200);
    const { chunks, done } = readChunks(await response.text());
    expect(done).toBe(false);
    expect(chunks.slice(0, -1).map((c) => c.choices[0]?.delta?.content)).toEqual(["", "> progress **20%**\n\n", "> progress **80%**\n\n![res"]);
    expect(chunks.at(-1)?.error).toMatchObject({ type: "upstream_error", code: "upstream_error", message: expect.stringMatching(/broke off/) });
    const record = await settledUsage(response);
    expect(record).toMatchObject({ status: "partial", usage_source: "estimated", hold_status: "settled" });
    expect(record.credits).toBeGreaterThan(0);
    expect(attemptsOf(call.tag)).toHaveLength(1);
  });

  it.each([
    ["half a body and a reset in one tick", "burst-cut"],
    ["a reset right after the headers", "reset-after-headers"],
    ["a reset after the status line, inside the headers", "reset-in-headers"],
  ])("non-stream, %s: 502 'broke off', record failed, charge 0", async (_label, scenario) => {
    const key = await seedApiKey();
    const call = body(scenario);
    const response = await postChat(server, key.key, call.body);
    const error = await expectOpenAiError(response, 502, { type: "upstream_error", code: "upstream_error", message: /broke off/ });
    expect(error.message).not.toMatch(/reach/);
    await expectChargedNothing(response, key.workspaceId);
    expect(attemptsOf(call.tag)).toHaveLength(1);
  });

  it("stream, a reset right after the headers: 200 and the error event, charge 0", async () => {
    const key = await seedApiKey();
    const call = body("reset-after-headers", { stream: true });
    const response = await postChat(server, key.key, call.body);
    expect(response.status).toBe(200);
    const { chunks, done } = readChunks(await response.text());
    expect(done).toBe(false);
    expect(chunks).toEqual([{ error: expect.objectContaining({ type: "upstream_error", message: expect.stringMatching(/broke off/) }) }]);
    await expectChargedNothing(response, key.workspaceId);
    expect(attemptsOf(call.tag)).toHaveLength(1);
  });
});

// The contract retries only what never reached the provider: a request written to a connection may already be a
// paid generation there, so a close or reset after it is never retried, even when not one byte came back (a
// provider that writes its answer and destroys the socket in the same tick: Node never flushed it, or the kernel
// reset the connection). The 502 says what happened; nothing is charged.
describe.concurrent("a provider that took the request and closed without a byte coming back: one upstream request", () => {
  it.each([
    ["a bare close (writeHead, write, destroy in one tick)", "burst-cut noflush fin", false],
    ["a bare close (writeHead, write, destroy in one tick)", "burst-cut noflush fin", true],
    ["a reset (the same, with an RST)", "burst-cut noflush", false],
    ["a reset (the same, with an RST)", "burst-cut noflush", true],
  ])("%s (stream: %s): 502 'closed the connection before any answer arrived', record failed, charge 0", async (_label, scenario, stream) => {
    const key = await seedApiKey();
    const call = body(scenario, { stream });
    const response = await postChat(server, key.key, call.body);
    await expectOpenAiError(response, 502, {
      type: "upstream_error",
      code: "upstream_error",
      message: /^The upstream provider closed the connection before any answer arrived\.$/,
    });
    await expectChargedNothing(response, key.workspaceId);
    expect(attemptsOf(call.tag)).toHaveLength(1);
  });
});

describe.concurrent("retries", () => {
  const gapMs = (requests: FakeRequest[]) => requests[1]!.receivedAt - requests[0]!.closedAt!;

  it("a 429 rate limit is retried after its Retry-After, with Darkroom's key, and succeeds", async () => {
    const key = await seedApiKey();
    const call = body(`fail-then-ok fail=1 status=429 retry_after=1 key=${randomUUID()}`);
    const response = await postChat(server, key.key, call.body);
    expect(response.status, await response.text()).toBe(200);
    const attempts = attemptsOf(call.tag);
    expect(attempts).toHaveLength(2);
    expect(gapMs(attempts)).toBeGreaterThanOrEqual(990);
    for (const attempt of attempts) {
      expect(attempt.headers.authorization).toBe("Bearer sk-upstream-test");
      expect(attempt.rawBody).not.toContain(key.key);
      expect(attempt.rawBody).toBe(attempts[0]!.rawBody);
    }
    expect((await settledUsage(response)).status).toBe("succeeded");
  });

  it("a 503 is retried at most twice; the third attempt's answer stands", async () => {
    const key = await seedApiKey();
    const ok = body(`fail-then-ok fail=2 status=503 key=${randomUUID()}`);
    const success = await postChat(server, key.key, ok.body);
    expect(success.status, await success.text()).toBe(200);
    expect(attemptsOf(ok.tag)).toHaveLength(3);
    expect((await settledUsage(success)).status).toBe("succeeded");

    const failing = body(`fail-then-ok fail=3 status=503 key=${randomUUID()}`);
    const failure = await postChat(server, key.key, failing.body);
    await expectOpenAiError(failure, 502, { type: "upstream_error", code: "upstream_error" });
    expect(attemptsOf(failing.tag)).toHaveLength(3);
  });

  it("a Retry-After longer than the gateway will wait is not retried early: the call fails at once", async () => {
    const key = await seedApiKey();
    const call = body(`fail-then-ok fail=1 status=429 retry_after=120 key=${randomUUID()}`);
    const started = Date.now();
    const response = await postChat(server, key.key, call.body);
    await expectOpenAiError(response, 502, { type: "upstream_error", code: "upstream_error" });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(attemptsOf(call.tag)).toHaveLength(1);
    await expectChargedNothing(response, key.workspaceId);
  });
});

describe.concurrent("504 upstream_timeout", () => {
  it.each([
    ["non-stream, no headers within the idle timeout", "hang", false],
    ["non-stream, half a body then silence", "stall", false],
    ["stream, no headers before the idle timeout (inside the commit window)", "hang", true],
  ])("%s: 504, the upstream request aborted, charge 0", async (_label, scenario, stream) => {
    const key = await seedApiKey();
    const call = body(scenario, { stream });
    const response = await postChat(strict, key.key, call.body);
    await expectOpenAiError(response, 504, { type: "upstream_timeout", code: "upstream_timeout", param: null });
    await fake.waitFor(() => attemptsOf(call.tag).every((r) => r.aborted));
    expect(attemptsOf(call.tag)).toHaveLength(1);
    await expectChargedNothing(response, key.workspaceId);
  });

  it("stream, upstream silent after the commit: an error event, no [DONE], the output so far charged within the hold", async () => {
    const key = await seedApiKey();
    const call = body("stall after=3", { stream: true });
    const response = await postChat(strict, key.key, call.body);
    expect(response.status).toBe(200);
    const { chunks, done } = readChunks(await response.text());
    expect(done).toBe(false);
    expect(chunks.at(-1)).toEqual({ error: { message: expect.any(String), type: "upstream_timeout", param: null, code: "upstream_timeout" } });
    expect(chunks.slice(0, -1).map((c) => c.choices[0]?.delta?.content)).toEqual(["", "> progress **20%**\n\n", "> progress **80%**\n\n![res"]);
    await fake.waitFor(() => attemptsOf(call.tag)[0]?.aborted === true);
    const record = await settledUsage(response);
    expect(record).toMatchObject({ status: "partial", usage_source: "estimated", hold_status: "settled" });
    expect(record.credits).toBeGreaterThan(0);
    expect(record.credits).toBeLessThanOrEqual(record.hold_amount);
  });

  it("stream, the total deadline passes mid-stream: an error event, the upstream aborted", async () => {
    const key = await seedApiKey();
    const call = body("markdown-url interval=600", { stream: true });
    const response = await postChat(strict, key.key, call.body);
    expect(response.status).toBe(200);
    const { chunks, done } = readChunks(await response.text());
    expect(done).toBe(false);
    expect(chunks.at(-1)?.error).toMatchObject({ type: "upstream_timeout", code: "upstream_timeout" });
    await fake.waitFor(() => attemptsOf(call.tag)[0]?.aborted === true);
    const record = await settledUsage(response);
    expect(record.status).toBe("partial");
    expect(record.credits).toBeLessThanOrEqual(record.hold_amount);
  });
});
