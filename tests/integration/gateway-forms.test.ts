// Every image form of the spec, non-stream and stream, through the production server: the caller gets the
// upstream's bytes (only `model` rewritten), and the one usage record counts the images and mirrors the usage.
import { describe, expect, it, vi } from "vitest";
import { seedModel } from "../factories/models";
import { readSpecFixtures } from "../fixtures/fake-upstream/read-spec-fixtures";
import { FAKE_USAGE } from "../fixtures/fake-upstream/build-responses";
import { IMAGE_FORM_SCENARIOS } from "../fixtures/fake-upstream/scenario-shapes";
import type { FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import {
  askFakeDirectly,
  type GatewayFile,
  INPUT_IMAGE_DATA_URL,
  postChat,
  readChunks,
  settledUsage,
  setUpGatewayFile,
  userMessage,
  withoutFakeIds,
} from "../support/gateway";

const FORMS = IMAGE_FORM_SCENARIOS;
// What the fake upstream reports as usage (the same numbers as the spec's fixtures).
const USAGE = FAKE_USAGE;
// Prices of this file's model: 1 per request, 2 per image, 1 per 1K prompt and completion tokens, ceiling 4096.
// Charge for the fake's usage = 1 + 2·images + ceil(31/1000) + ceil(1302/1000); hold = 1 + 2 + 1 + ceil(4096/1000).
const chargeFor = (images: number) => 1 + 2 * images + 1 + 2;
const HOLD = 9;

let fake: FakeUpstream;
let server: AppServer;
let model: string;
let key: GatewayFile["key"];

setUpGatewayFile((file) => ({ fake, server, key } = file), {
  seed: async () => {
    model = await seedModel({ label: "forms" });
  },
  env: { LOG_LEVEL: "info" },
});

const direct = (body: Record<string, unknown>) => askFakeDirectly(fake, body);

describe("image forms, non-stream", () => {
  it.each(FORMS)("%s: the upstream's JSON unchanged, one record with %i image(s) and the usage", async (scenario, images) => {
    const body = { model, messages: [userMessage("make it brighter", INPUT_IMAGE_DATA_URL)], fake_scenario: scenario };
    const response = await postChat(server, key.key, body);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{24}$/);
    expect(withoutFakeIds(text)).toBe(withoutFakeIds(await direct(body)));
    const completion = JSON.parse(text) as { id: string; model: string; usage: typeof USAGE };
    expect(completion.model).toBe(model);
    expect(completion.usage).toEqual(USAGE);

    const record = await settledUsage(response);
    expect(record).toMatchObject({
      status: "succeeded",
      model,
      source: "api",
      api_key_id: key.id,
      workspace_id: key.workspaceId,
      user_id: key.userId,
      ...USAGE,
      usage_source: "upstream",
      images,
      credits: chargeFor(images),
      overage: false,
      upstream_id: completion.id,
      hold_amount: HOLD,
      hold_status: "settled",
    });
    expect(record.latency_ms).toBeGreaterThanOrEqual(0);
  });
});

describe("image forms, stream", () => {
  it.each(FORMS)("%s: the upstream's events unchanged, [DONE], one record with %i image(s) and the usage", async (scenario, images) => {
    const body = { model, stream: true, stream_options: { include_usage: true }, messages: [userMessage("edit", INPUT_IMAGE_DATA_URL)], fake_scenario: scenario };
    const response = await postChat(server, key.key, body);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(withoutFakeIds(text)).toBe(withoutFakeIds(await direct(body)));

    const { chunks, done } = readChunks(text);
    expect(done).toBe(true);
    expect(chunks.every((c) => c.model === model)).toBe(true);
    const usage = chunks.at(-1)!;
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toEqual(USAGE);

    const record = await settledUsage(response);
    expect(record).toMatchObject({ status: "succeeded", ...USAGE, usage_source: "upstream", images, credits: chargeFor(images), upstream_id: chunks[0]!.id });
  });
});

describe("the spec's wire fixtures, replayed in 7-byte pieces", () => {
  const fixtures = readSpecFixtures();

  it.each(fixtures.map((f) => [f.name, f] as const))("%s", async (_name, fixture) => {
    const body = { model, stream: fixture.stream, ...(fixture.stream ? { stream_options: { include_usage: true } } : {}), messages: [userMessage("go")], fake_scenario: `fixture file=${fixture.name} chunk=7` };
    const response = await postChat(server, key.key, body);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const record = await settledUsage(response);
    expect(record.images).toBe(fixture.expectedImages);

    const source = fixture.bytes.toString("utf8");
    if (!fixture.stream) {
      const expected = { ...(JSON.parse(source) as Record<string, unknown>), model };
      expect(JSON.parse(text)).toEqual(expected);
      expect(record).toMatchObject({ status: "succeeded", ...USAGE, usage_source: "upstream" });
      return;
    }
    const sent = readChunks(source);
    const got = readChunks(text);
    expect(got.chunks).toEqual(sent.chunks.map((c) => (c.error ? c : { ...c, model })));
    const failed = sent.chunks.some((c) => c.error);
    // A stream that ends in an error event is closed without [DONE]; a successful one always ends with it.
    expect(got.done).toBe(!failed);
    if (failed) {
      expect(record.status).not.toBe("succeeded");
      expect(record.credits).toBeLessThanOrEqual(record.hold_amount);
      return;
    }
    const sentUsage = sent.chunks.find((c) => c.usage)?.usage;
    if (sentUsage) expect(record).toMatchObject({ status: "succeeded", ...sentUsage, usage_source: "upstream" });
    else expect(record).toMatchObject({ status: "succeeded", usage_source: "estimated" });
  });
});

describe("a single event of several MiB (one base64 image)", () => {
  it.each([
    ["markdown, non-stream", false, "huge-image"],
    ["images array, non-stream", false, "huge-image form=images"],
    ["markdown, stream", true, "huge-image"],
    ["images array, stream", true, "huge-image form=images"],
  ])("%s: relayed whole, counted as one image", async (_label, stream, scenario) => {
    const body = { model, stream, messages: [userMessage("big")], fake_scenario: scenario };
    const response = await postChat(server, key.key, body);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    // The gateway asks the upstream for usage on streams and cuts the usage-only event out again for a caller
    // that did not ask for it, so the caller gets exactly what the upstream sends such a caller.
    expect(withoutFakeIds(text)).toBe(withoutFakeIds(await direct(body)));
    const record = await settledUsage(response);
    expect(record).toMatchObject({ status: "succeeded", images: 1, ...USAGE, usage_source: "upstream", credits: chargeFor(1) });
  });
});

describe("logs", () => {
  it("one structured line per call (request id, key id, model, status, tokens, credits, latency); never the key or an image payload", async () => {
    const response = await postChat(server, key.key, { model, messages: [userMessage("log me", INPUT_IMAGE_DATA_URL)], fake_scenario: "markdown-data" });
    expect(response.status).toBe(200);
    await response.text();
    const record = await settledUsage(response);
    const requestId = response.headers.get("x-request-id")!;
    const line = await vi.waitFor(() => {
      const found = server
        .logs()
        .split("\n")
        .find((l) => l.includes(requestId) && l.includes("gateway call"));
      if (!found) throw new Error("no log line yet");
      return JSON.parse(found) as Record<string, unknown>;
    });
    expect(line).toMatchObject({ requestId, keyId: key.id, model, status: 200, promptTokens: 31, completionTokens: 1302, credits: record.credits });
    expect(line.latencyMs).toEqual(expect.any(Number));
    const logs = server.logs();
    expect(logs).not.toContain(key.key);
    expect(logs).not.toContain(INPUT_IMAGE_DATA_URL.slice(22, 80));
    expect(logs).not.toMatch(/base64,[A-Za-z0-9+/]{40}/);
  });
});
