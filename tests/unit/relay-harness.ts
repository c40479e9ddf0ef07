// Shared by the relay-*.test.ts files: inputs, a config pointing at the fake upstream, and stream readers.
import { relayChatCompletion } from "@/lib/gateway/relay/relay-chat-completion";
import type { RelayConfig } from "@/lib/gateway/relay/resolve-relay-config";
import type { RelayInput } from "@/lib/gateway/relay/relay-types";
import { FAKE_USAGE } from "@/tests/fixtures/fake-upstream/build-responses";
import type { FakeUpstream } from "@/tests/fixtures/fake-upstream/start-fake-upstream";

export const USAGE = FAKE_USAGE;
export const PUBLIC_MODEL = "gpt-4o-image";
export const UPSTREAM_MODEL = "provider-image-v2";

export function relayConfig(upstream: FakeUpstream, overrides: Partial<RelayConfig> = {}): Partial<RelayConfig> {
  return {
    baseUrl: upstream.url,
    apiKey: "upstream-secret",
    commitMs: 5_000,
    idleTimeoutMs: 10_000,
    totalTimeoutMs: 20_000,
    maxRetries: 2,
    keepAliveMs: 15_000,
    retryBaseMs: 5,
    ...overrides,
  };
}

export interface TestCall {
  input: RelayInput;
  abort(): void;
}

/** A relay input for `scenario` (sent in the body as `fake_scenario`, which the relay passes through). */
export function makeInput(scenario: string, options: Partial<RelayInput> & { extra?: Record<string, unknown> } = {}): TestCall {
  const controller = new AbortController();
  const { extra, ...rest } = options;
  const stream = rest.stream ?? false;
  const input: RelayInput = {
    body: {
      model: PUBLIC_MODEL,
      messages: [{ role: "user", content: "edit this image" }],
      ...(stream ? { stream: true } : {}),
      fake_scenario: scenario,
      ...extra,
    },
    publicModel: PUBLIC_MODEL,
    upstreamModel: UPSTREAM_MODEL,
    stream,
    callerWantsUsage: false,
    requestId: "req_test",
    signal: controller.signal,
    ...rest,
  };
  return { input, abort: () => controller.abort() };
}

export function relay(upstream: FakeUpstream, call: TestCall, overrides: Partial<RelayConfig> = {}) {
  return relayChatCompletion(call.input, relayConfig(upstream, overrides));
}

export async function readText(response: Response): Promise<string> {
  return Buffer.from(await response.arrayBuffer()).toString("utf8");
}

/** Reads a body chunk by chunk until `until` holds for the text so far (or the body ends). */
export async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: (text: string) => boolean, start = "") {
  let text = start;
  while (!until(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString("utf8");
  }
  return text;
}

/** The `data:` payloads of an SSE text (enough for the regular bodies the fake upstream sends). */
export function dataLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trimStart());
}
