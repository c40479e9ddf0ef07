// Streams through the production server: the commit window, keep-alive comments, errors after the commit,
// the robust-parsing irregularities, the usage chunk only for callers who ask, the model rewrite in every chunk,
// and what a caller's disconnect or an upstream break costs.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import { seedApiKey } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { FAKE_USAGE } from "../fixtures/fake-upstream/build-responses";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import {
  askFakeDirectly,
  expectLedgerClean,
  fakeRequestsWith,
  postChat,
  readChunks,
  settledUsage,
  startGateway,
  userMessage,
  withoutFakeIds,
} from "../support/gateway";
import { runCli } from "../support/run-cli";

// What the fake upstream reports as usage (the same numbers as the spec's fixtures).
const USAGE = FAKE_USAGE;
const COMMIT_MS = 300;
const KEEP_ALIVE_MS = 15_000;

let fake: FakeUpstream;
let server: AppServer;
let model: string;
let mapped: string;
let key: Awaited<ReturnType<typeof seedApiKey>>;

beforeAll(async () => {
  fake = await startFakeUpstream();
  [model, mapped] = await Promise.all([seedModel({ label: "streaming" }), seedModel({ label: "public-name" })]);
  const set = await runCli(["model:set", "--model", mapped, "--upstream-name", `${mapped}-internal`, "--json"], {
    DATABASE_URL: process.env.DATABASE_URL!,
    NODE_ENV: "test",
  });
  expect(set.json, set.stderr).toEqual({ ok: true });
  // Upstream silence is tolerated for longer than one keep-alive interval, so the keep-alive can be observed.
  server = await startGateway(fake, { env: { STREAM_COMMIT_MS: String(COMMIT_MS), UPSTREAM_IDLE_TIMEOUT_MS: "17000" } });
  key = await seedApiKey();
});

afterAll(async () => {
  // Disconnects, timeouts and upstream failures are all expected here: none may be logged as an unexpected error.
  expect(server?.logs() ?? "").not.toContain("unexpected gateway error");
  await server?.stop();
  await fake?.close();
  await expectLedgerClean();
  await closeDb();
});

function streamBody(scenario: string, extra: Record<string, unknown> = {}) {
  const tag = randomUUID();
  return { tag, body: { model, stream: true, messages: [userMessage(`edit ${tag}`)], fake_scenario: scenario, ...extra } };
}

const upstreamOf = (tag: string) => fakeRequestsWith(fake, tag)[0];

const direct = (body: Record<string, unknown>) => askFakeDirectly(fake, body);

/** Reads an SSE body as it arrives, noting when each piece came. */
async function readTimed(response: Response): Promise<{ text: string; arrivals: { at: number; text: string }[] }> {
  const decoder = new TextDecoder();
  const arrivals: { at: number; text: string }[] = [];
  const reader = response.body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    arrivals.push({ at: Date.now(), text: decoder.decode(next.value, { stream: true }) });
  }
  return { text: arrivals.map((a) => a.text).join(""), arrivals };
}

// Every test has its own request and tag: they run side by side (the keep-alive test alone waits ~17 s).
describe.concurrent("streams", () => {
  describe("commit window, keep-alive and errors after the commit", () => {
    it("a silent upstream: 200 once the window passes, `: keep-alive` within 15 s, then a timeout error event and no [DONE]", { timeout: 40_000 }, async () => {
      const owner = await seedApiKey();
      const { tag, body } = streamBody("hang");
      const started = Date.now();
      const response = await postChat(server, owner.key, body);
      const committedAt = Date.now();
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream");
      expect(committedAt - started).toBeGreaterThanOrEqual(COMMIT_MS - 20);
      expect(upstreamOf(tag)?.finishedAt).toBeUndefined(); // committed while the upstream had not answered

      const { text, arrivals } = await readTimed(response);
      const keepAlive = arrivals.find((a) => a.text.includes(": keep-alive"));
      expect(keepAlive, text).toBeDefined();
      expect(keepAlive!.at - committedAt).toBeLessThanOrEqual(KEEP_ALIVE_MS + 1_000);
      const { chunks, done, comments } = readChunks(text);
      expect(comments).toContain("keep-alive");
      expect(done).toBe(false);
      expect(chunks).toEqual([{ error: { message: expect.any(String), type: "upstream_timeout", param: null, code: "upstream_timeout" } }]);
      await fake.waitFor(() => upstreamOf(tag)?.aborted === true);
      expect(await settledUsage(response)).toMatchObject({ status: "failed", credits: 0, hold_status: "released" });
    });

    it("an upstream silent mid-stream: `: keep-alive` between the events within 15 s, then a timeout error event", { timeout: 40_000 }, async () => {
      const { tag, body } = streamBody("stall after=3");
      const response = await postChat(server, key.key, body);
      expect(response.status).toBe(200);
      const { text, arrivals } = await readTimed(response);
      const lastEvent = arrivals.findLast((a) => a.text.includes("data:") && !a.text.includes('"error"'))!;
      const keepAlive = arrivals.find((a) => a.text.includes(": keep-alive"));
      expect(keepAlive, text).toBeDefined();
      expect(keepAlive!.at - lastEvent.at).toBeLessThanOrEqual(KEEP_ALIVE_MS + 1_000);
      // The comment sits between events, so every event still parses; then the error, and no [DONE].
      const { chunks, done } = readChunks(text);
      expect(chunks.map((c) => c.choices?.[0]?.delta?.content ?? c.error?.type)).toEqual(["", "> progress **20%**\n\n", "> progress **80%**\n\n![res", "upstream_timeout"]);
      expect(done).toBe(false);
      await fake.waitFor(() => upstreamOf(tag)?.aborted === true);
      expect((await settledUsage(response)).status).toBe("partial");
    });

    it("an upstream error event after output is relayed as sent, without [DONE]; the output is charged within the hold", async () => {
      const { body } = streamBody("error-event");
      const response = await postChat(server, key.key, body);
      expect(response.status).toBe(200);
      const { chunks, done } = readChunks(await response.text());
      expect(done).toBe(false);
      expect(chunks.at(-1)).toEqual({ error: { message: "generation failed: content policy", type: "upstream_error", code: "content_policy_violation" } });
      const record = await settledUsage(response);
      expect(record.status).toBe("partial");
      expect(record.credits).toBeGreaterThan(0);
      expect(record.credits).toBeLessThanOrEqual(record.hold_amount);
    });

    it.each([
      ["without usage", "cut after=3", "estimated"],
      ["after the usage chunk", "cut after=3 usage=before", "upstream"],
    ])("the upstream breaks off mid-stream %s: an upstream_error event, status partial, charge within the hold", async (_label, scenario, usageSource) => {
      const { tag, body } = streamBody(scenario);
      const response = await postChat(server, key.key, body);
      expect(response.status).toBe(200);
      const { chunks, done } = readChunks(await response.text());
      expect(done).toBe(false);
      expect(chunks.at(-1)?.error).toMatchObject({ type: "upstream_error", code: "upstream_error" });
      // Bytes already reached the caller: no retry.
      expect(fakeRequestsWith(fake, tag)).toHaveLength(1);
      expect(chunks.some((c) => c.usage)).toBe(false); // the caller did not ask for usage
      const record = await settledUsage(response);
      expect(record).toMatchObject({ status: "partial", usage_source: usageSource, hold_status: "settled" });
      if (usageSource === "upstream") expect(record).toMatchObject(USAGE);
      expect(record.credits).toBeGreaterThan(0);
      expect(record.credits).toBeLessThanOrEqual(record.hold_amount);
    });

    // Issue 8, item 4: what reached the caller is paid for, whatever kind of output it was.
    it.each([
      ["tool call arguments", "cut after=3 then=tool-calls"],
      ["reasoning_content", "cut after=2 then=reasoning"],
      ["a refusal", "cut after=2 then=refusal"],
    ])("a cut after %s and no content text: partial, estimated, charged (not free)", async (_label, scenario) => {
      const { body } = streamBody(scenario);
      const response = await postChat(server, key.key, body);
      const { chunks } = readChunks(await response.text());
      expect(chunks.at(-1)?.error?.code).toBe("upstream_error");
      const record = await settledUsage(response);
      expect(record).toMatchObject({ status: "partial", usage_source: "estimated", hold_status: "settled", images: 0 });
      expect(record.completion_tokens).toBeGreaterThan(0);
      expect(record.credits).toBeGreaterThan(0);
    });

    it("a cut after tool calls whose usage had arrived: billed from the upstream's usage", async () => {
      const { body } = streamBody("cut after=3 then=tool-calls usage=before");
      const response = await postChat(server, key.key, body);
      await response.text();
      const record = await settledUsage(response);
      expect(record).toMatchObject({ status: "partial", usage_source: "upstream", ...USAGE });
      // The seeded prices: 1 per request, 1 per 1k prompt and completion tokens, capped at the hold.
      const charge = 1 + Math.ceil(USAGE.prompt_tokens / 1000) + Math.ceil(USAGE.completion_tokens / 1000);
      expect(record.credits).toBe(Math.min(charge, record.hold_amount));
    });

    it.each([
      ["an image URL", "cut after=3 then=markdown-url-open"],
      ["a whole data image", "cut after=4 then=markdown-data-open"],
    ])("a cut after %s but before its markdown `)`: the image counts and is charged", async (_label, scenario) => {
      const { body } = streamBody(scenario);
      const response = await postChat(server, key.key, body);
      await response.text();
      const record = await settledUsage(response);
      expect(record).toMatchObject({ status: "partial", images: 1 });
      expect(record.credits).toBeGreaterThanOrEqual(2 + 1); // per image 2, per request 1
    });
  });

  describe("the caller goes away", () => {
    it("mid-stream: the upstream request is aborted within 1 s; the output so far is charged, at most the hold", async () => {
      const owner = await seedApiKey();
      const { tag, body } = streamBody("markdown-url interval=400");
      const controller = new AbortController();
      const response = await postChat(server, owner.key, body, { signal: controller.signal });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      let seen = "";
      while (!seen.includes("progress **20%**")) seen += new TextDecoder().decode((await reader.read()).value);
      const abortedAt = Date.now();
      controller.abort();
      await fake.waitFor(() => upstreamOf(tag)?.aborted === true, 5_000);
      expect(upstreamOf(tag)!.abortedAt! - abortedAt).toBeLessThanOrEqual(1_000);
      const record = await settledUsage(response);
      expect(record).toMatchObject({ status: "partial", usage_source: "estimated", hold_status: "settled" });
      expect(record.credits).toBeGreaterThan(0);
      expect(record.credits).toBeLessThanOrEqual(record.hold_amount);
      expect(record.completion_tokens).toBeGreaterThan(0);
    });

    it("before the commit (non-stream, upstream still thinking): aborted within 1 s, cancelled, charge 0", async () => {
      const owner = await seedApiKey();
      const tag = randomUUID();
      const controller = new AbortController();
      const pending = postChat(server, owner.key, { model, messages: [userMessage(`wait ${tag}`)], fake_scenario: "hang" }, { signal: controller.signal });
      await fake.waitFor(() => upstreamOf(tag) !== undefined);
      const abortedAt = Date.now();
      controller.abort();
      await expect(pending).rejects.toThrow();
      await fake.waitFor(() => upstreamOf(tag)?.aborted === true, 5_000);
      expect(upstreamOf(tag)!.abortedAt! - abortedAt).toBeLessThanOrEqual(1_000);
      const settled = await vi.waitFor(async () => {
        const { rows } = await getPool().query<{ status: string; credits: number }>(
          `SELECT status::text AS status, credits FROM usage_records WHERE workspace_id = $1 AND status <> 'pending'`,
          [owner.workspaceId],
        );
        if (rows.length === 0) throw new Error("not settled yet");
        return rows;
      });
      expect(settled).toEqual([{ status: "cancelled", credits: 0 }]);
    });
  });

  describe("what the caller receives", () => {
    it.each(["crlf", "nospace", "multiline", "event-id", "comments", "no-done", "messy"])(
      "upstream irregularity %s: relayed byte for byte (a missing [DONE] added), image and usage recognised",
      async (style) => {
        const { body } = streamBody(style, { stream_options: { include_usage: true } });
        const response = await postChat(server, key.key, body);
        expect(response.status).toBe(200);
        const text = await response.text();
        const expected = withoutFakeIds(await direct(body));
        expect(withoutFakeIds(text)).toBe(style === "no-done" ? `${expected}data: [DONE]\n\n` : expected);
        const { chunks, done } = readChunks(text);
        expect(done).toBe(true);
        expect(chunks.at(-1)?.usage).toEqual(USAGE);
        expect(await settledUsage(response)).toMatchObject({ status: "succeeded", images: 1, ...USAGE, usage_source: "upstream" });
      },
    );

    it("stream_options.include_usage goes upstream on streams only; the usage chunk reaches only callers who asked", async () => {
      const plain = streamBody("markdown-url");
      const asked = streamBody("markdown-url", { stream_options: { include_usage: true } });
      const declined = streamBody("markdown-url", { stream_options: { include_usage: false } });
      const onceTag = randomUUID();
      const nonStream = { model, messages: [userMessage(`once ${onceTag}`)], fake_scenario: "markdown-url" };
      const [plainRes, askedRes, declinedRes, nonStreamRes] = await Promise.all([
        postChat(server, key.key, plain.body),
        postChat(server, key.key, asked.body),
        postChat(server, key.key, declined.body),
        postChat(server, key.key, nonStream),
      ]);
      for (const [call, response, wantsUsage] of [[plain, plainRes, false], [asked, askedRes, true], [declined, declinedRes, false]] as const) {
        const { chunks, done } = readChunks(await response.text());
        expect(done).toBe(true);
        expect(chunks.some((c) => c.usage)).toBe(wantsUsage);
        const sent = upstreamOf(call.tag)!.body as Record<string, unknown>;
        expect(sent.stream_options).toEqual({ include_usage: true });
        const { stream_options: _ignored, ...rest } = sent;
        const { stream_options: _callers, ...callers } = call.body as Record<string, unknown>;
        expect(rest).toEqual(callers); // everything else exactly as the caller sent it
        // Settlement always has the upstream's usage, whether or not the caller saw it.
        expect(await settledUsage(response)).toMatchObject({ status: "succeeded", ...USAGE, usage_source: "upstream" });
      }
      await nonStreamRes.text();
      const sentNonStream = upstreamOf(onceTag)!;
      expect(sentNonStream.body).toEqual(nonStream);
      expect(sentNonStream.rawBody).not.toContain("stream_options");
    });

    it("a mapped model: the upstream gets its own name; the caller sees the public id in the body and every chunk", async () => {
      const tag = randomUUID();
      const nonStream = { model: mapped, messages: [userMessage(`a ${tag}`)], temperature: 0.2, size: "1024x1024", modalities: ["image", "text"] };
      const stream = { ...nonStream, messages: [userMessage(`b ${tag}`)], stream: true, stream_options: { include_usage: true } };
      const [one, many] = await Promise.all([postChat(server, key.key, nonStream), postChat(server, key.key, stream)]);
      const completion = (await one.json()) as { model: string };
      expect(completion.model).toBe(mapped);
      const { chunks } = readChunks(await many.text());
      expect(chunks.length).toBeGreaterThan(3);
      expect(chunks.map((c) => c.model)).toEqual(chunks.map(() => mapped));
      const sentA = upstreamOf(`a ${tag}`)!.body as Record<string, unknown>;
      const sentB = upstreamOf(`b ${tag}`)!.body as Record<string, unknown>;
      expect(sentA).toEqual({ ...nonStream, model: `${mapped}-internal` });
      expect(sentB.model).toBe(`${mapped}-internal`);
      expect(await settledUsage(one)).toMatchObject({ model: mapped, status: "succeeded" });
      expect(await settledUsage(many)).toMatchObject({ model: mapped, status: "succeeded" });
    });
  });
});
