// The official `openai` npm client, unmodified, against the production server: non-stream and stream with
// image parts (the fake upstream and the offline darkroom-local), model listing, and how its errors surface
// (no retry of insufficient_quota, an error event after the commit raised as an APIError). Plus the seed's curl
// example as a raw request.
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { seedApiKey } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { FAKE_USAGE } from "../fixtures/fake-upstream/build-responses";
import type { FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import { type GatewayFile, INPUT_IMAGE_DATA_URL, settledUsage, setUpGatewayFile } from "../support/gateway";

// What the fake upstream reports as usage (the same numbers as the spec's fixtures).
const USAGE = FAKE_USAGE;

let fake: FakeUpstream;
let server: AppServer;
let model: string;
let pricey: string;
let key: GatewayFile["key"];

setUpGatewayFile((file) => ({ fake, server, key } = file), {
  seed: async () => {
    [model, pricey] = await Promise.all([
      seedModel({ label: "sdk" }),
      seedModel({ label: "sdk-pricey", perRequest: 2000, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 }),
    ]);
  },
});

/** A client as a caller configures it: only the base URL and the key. `calls` counts its HTTP requests. */
function client(apiKey = key.key) {
  const calls: string[] = [];
  const openai = new OpenAI({
    apiKey,
    baseURL: `${server.url}/v1`,
    fetch: (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    },
  });
  return { openai, calls };
}

function imageMessage(text: string, url = INPUT_IMAGE_DATA_URL): OpenAI.Chat.ChatCompletionMessageParam {
  return { role: "user", content: [{ type: "text", text }, { type: "image_url", image_url: { url, detail: "low" } }] };
}

type WithImages = { images?: { type: string; image_url: { url: string } }[] };

describe("the openai client", () => {
  it("non-stream with an image part: a ChatCompletion with the public model, the upstream's usage, one record", async () => {
    const { openai } = client();
    const { data, response } = await openai.chat.completions
      .create({ model, messages: [imageMessage("add a hat [[scenario:images-array]]")] })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.model).toBe(model);
    expect(data.usage).toMatchObject(USAGE);
    expect((data.choices[0]!.message as WithImages).images?.[0]?.image_url.url).toMatch(/^data:image\/png;base64,/);
    const sent = fake.requests.at(-1)!.body as { messages: { content: unknown }[] };
    expect(sent.messages[0]!.content).toEqual([
      { type: "text", text: "add a hat [[scenario:images-array]]" },
      { type: "image_url", image_url: { url: INPUT_IMAGE_DATA_URL, detail: "low" } },
    ]);
    expect(await settledUsage(response)).toMatchObject({ status: "succeeded", images: 1, ...USAGE, usage_source: "upstream" });
  });

  it("stream with an image part and include_usage: chunks of the public model, the text, then the usage", async () => {
    const { openai } = client();
    const { data: stream, response } = await openai.chat.completions
      .create({ model, stream: true, stream_options: { include_usage: true }, messages: [imageMessage("make it blue")] })
      .withResponse();
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    const models = new Set<string>();
    for await (const chunk of stream) {
      models.add(chunk.model);
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect([...models]).toEqual([model]);
    expect(text).toMatch(/!\[result\]\(http:\/\/[^)]+\/files\/result\.png\)/);
    expect(usage).toMatchObject(USAGE);
    expect(await settledUsage(response)).toMatchObject({ status: "succeeded", images: 1, ...USAGE });
  });

  it("darkroom-local, offline, both modes: a real edited PNG back and deterministic usage", async () => {
    const { openai } = client();
    const { data, response } = await openai.chat.completions
      .create({ model: "darkroom-local", messages: [imageMessage("make it grayscale")] })
      .withResponse();
    const image = (data.choices[0]!.message as WithImages).images?.[0]?.image_url.url ?? "";
    expect(Buffer.from(image.replace(/^data:image\/png;base64,/, ""), "base64").subarray(1, 4).toString()).toBe("PNG");
    expect(data.usage!.total_tokens).toBe(data.usage!.prompt_tokens + data.usage!.completion_tokens);
    expect(await settledUsage(response)).toMatchObject({ model: "darkroom-local", status: "succeeded", images: 1, prompt_tokens: data.usage!.prompt_tokens });

    const stream = await openai.chat.completions.create({
      model: "darkroom-local",
      stream: true,
      stream_options: { include_usage: true },
      messages: [imageMessage("make it grayscale")],
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage ??= chunk.usage;
    }
    expect(text).toContain("data:image/png;base64,");
    expect(usage).toEqual(data.usage); // same request, same usage
  });

  it("models.list() gives what the key may use", async () => {
    const limited = await seedApiKey({ models: [model, "darkroom-local"] });
    const ids = [];
    for await (const entry of client(limited.key).openai.models.list()) ids.push(entry.id);
    expect(ids.sort()).toEqual([model, "darkroom-local"].sort());
  });

  it("errors surface as the SDK's classes; insufficient_quota is not retried (x-should-retry: false)", async () => {
    await expect(client("dk_nope").openai.chat.completions.create({ model, messages: [imageMessage("x")] })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    await expect(client().openai.chat.completions.create({ model: "no-such-model", messages: [imageMessage("x")] })).rejects.toMatchObject({
      status: 404,
      code: "model_not_found",
    });
    const { openai, calls } = client();
    const error = await openai.chat.completions.create({ model: pricey, messages: [imageMessage("x")] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "insufficient_quota", type: "insufficient_quota" });
    expect(calls).toHaveLength(1);
  });

  it("an error event after the commit is raised by the SDK's stream, after the chunks before it", async () => {
    const stream = await client().openai.chat.completions.create({
      model,
      stream: true,
      messages: [imageMessage(`[[scenario:error-event]] ${randomUUID()}`)],
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ code: "content_policy_violation" });
    expect(seen.join("")).toContain("progress");
  });
});

describe("the seed's curl example, with a data: URL in place of the internet URL", () => {
  it("POST /v1/chat/completions for gpt-4o-image answers the completion", async () => {
    // curl https://<darkroom>/v1/chat/completions -H "Content-Type: application/json" -H "Authorization: Bearer $KEY"
    //   -d '{"model": "gpt-4o-image", "stream": false, "messages": [{"role": "user", "content": [{"type": "text", ...},
    //        {"type": "image_url", "image_url": {"url": "data:image/png;base64,..."}}]}]}'
    const body = `{
  "model": "gpt-4o-image",
  "stream": false,
  "messages": [
    {
      "role": "user",
      "content": [
        { "type": "text", "text": "Turn this photo into a watercolour painting" },
        { "type": "image_url", "image_url": { "url": "${INPUT_IMAGE_DATA_URL}" } }
      ]
    }
  ]
}`;
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${key.key}`, Accept: "*/*", "User-Agent": "curl/8.5.0" },
      body,
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const completion = JSON.parse(text) as OpenAI.Chat.ChatCompletion;
    expect(completion).toMatchObject({ object: "chat.completion", model: "gpt-4o-image", usage: USAGE });
    expect(completion.choices[0]!.message.content).toMatch(/!\[result\]\(/);
    expect((fake.requests.at(-1)!.body as { model: string }).model).toBe("gpt-4o-image");
    expect(await settledUsage(response)).toMatchObject({ model: "gpt-4o-image", status: "succeeded", images: 1, ...USAGE });
  });
});
