// Helpers for the gateway's integration tests: the production server against the fake upstream, raw calls to
// /v1, the caller's view of an SSE body, and the books (usage records, holds, balances, ledger:check).
import { afterAll, beforeAll, expect, vi } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import type { UsageExportRow } from "@/lib/billing/export-usage";
import { makeGradientPng } from "../fixtures/fake-upstream/make-png";
import { seedApiKey } from "../factories/api-keys";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import { startAppServer, type AppServer } from "./app-server";
import { runCli } from "./run-cli";

/** The environment every gateway server of the tests starts with; `extra` adds or overrides. */
export function gatewayEnv(fake: FakeUpstream, extra: Record<string, string> = {}): Record<string, string> {
  return {
    UPSTREAM_BASE_URL: fake.url,
    UPSTREAM_API_KEY: "sk-upstream-test",
    OUTBOUND_ALLOW_HOSTS: "",
    RATE_LIMIT_RPM: "100000",
    ...extra,
  };
}

/** A production server in front of `fake`, on the run's database unless another is given. */
export function startGateway(
  fake: FakeUpstream,
  options: { env?: Record<string, string>; databaseUrl?: string } = {},
): Promise<AppServer> {
  return startAppServer({ databaseUrl: options.databaseUrl ?? process.env.DATABASE_URL!, env: gatewayEnv(fake, options.env) });
}

/** What a gateway test file works against. */
export type GatewayFile = { fake: FakeUpstream; server: AppServer; key: Awaited<ReturnType<typeof seedApiKey>> };

/**
 * A gateway test file's world, around all its tests: before them a fake upstream, what `seed` adds (its models), a
 * production server in front of the fake (with `env`) and an API key, handed to `ready`; after them the server and
 * the fake stop and the ledger must be clean.
 */
export function setUpGatewayFile(ready: (file: GatewayFile) => void, options: { env?: Record<string, string>; seed?: () => Promise<void> } = {}): void {
  const file: Partial<GatewayFile> = {};
  beforeAll(async () => {
    file.fake = await startFakeUpstream();
    await options.seed?.();
    file.server = await startGateway(file.fake, { env: options.env });
    file.key = await seedApiKey();
    ready(file as GatewayFile);
  });
  afterAll(async () => {
    await file.server?.stop();
    await file.fake?.close();
    await expectLedgerClean();
    await closeDb();
  });
}

/** What the fake upstream answers when called directly with `body`: what the gateway must relay to its caller. */
export async function askFakeDirectly(fake: FakeUpstream, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${fake.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.text();
}

/** The fake numbers its response ids per request; comparisons of bodies ignore them. */
export const withoutFakeIds = (text: string) => text.replace(/chatcmpl-fake-\d+/g, "chatcmpl-fake-N");

/** The fake's records of the requests whose body contains `tag` (each test tags its own). */
export const fakeRequestsWith = (fake: FakeUpstream, tag: string) => fake.requests.filter((r) => r.rawBody.includes(tag));

/** A real PNG as a `data:` URL, for image parts of requests. */
export const INPUT_IMAGE_DATA_URL = `data:image/png;base64,${makeGradientPng("gateway-test-input", 16).toString("base64")}`;

/** One user message: the text, then an image part per URL. */
export function userMessage(text: string, ...imageUrls: string[]) {
  if (imageUrls.length === 0) return { role: "user" as const, content: text };
  return {
    role: "user" as const,
    content: [{ type: "text" as const, text }, ...imageUrls.map((url) => ({ type: "image_url" as const, image_url: { url } }))],
  };
}

export type ChatCallOptions = { headers?: Record<string, string>; signal?: AbortSignal; path?: string };

/** POST /v1/chat/completions as curl would: the key as a bearer token, JSON (a string body is sent as is). */
export function postChat(server: { url: string }, key: string, body: unknown, options: ChatCallOptions = {}): Promise<Response> {
  return fetch(`${server.url}${options.path ?? "/v1/chat/completions"}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...options.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: options.signal,
  });
}

/**
 * An SSE body as a caller reads it (any line ending, `data:` with or without a space, multi-line data joined
 * with `\n`): the data of each event in order, and every comment line.
 */
export function parseSse(text: string): { data: string[]; comments: string[] } {
  const data: string[] = [];
  const comments: string[] = [];
  for (const block of text.replace(/\r\n|\r/g, "\n").split("\n\n")) {
    const lines: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "") continue;
      if (line.startsWith(":")) {
        comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(":");
      if ((colon === -1 ? line : line.slice(0, colon)) !== "data") continue;
      const value = colon === -1 ? "" : line.slice(colon + 1);
      lines.push(value.startsWith(" ") ? value.slice(1) : value);
    }
    if (lines.length) data.push(lines.join("\n"));
  }
  return { data, comments };
}

export type ChatChunk = {
  id?: string;
  model?: string;
  choices: { delta?: Record<string, unknown>; finish_reason?: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  error?: { message: string; type: string; code: string | null };
};

/** The JSON events of an SSE body (everything but `[DONE]`), and whether it ended with `[DONE]`. */
export function readChunks(text: string): { chunks: ChatChunk[]; done: boolean; comments: string[] } {
  const { data, comments } = parseSse(text);
  const done = data.at(-1) === "[DONE]";
  return { chunks: data.filter((d) => d !== "[DONE]").map((d) => JSON.parse(d) as ChatChunk), done, comments };
}

/** A usage record as the billing export shows it, by workspace id instead of slug, with its hold. */
export type UsageRow = Omit<UsageExportRow, "created_at" | "workspace"> & { workspace_id: string; hold_amount: number; hold_status: string };

/** Every usage record of a request id (exactly one for an admitted request, none for a refused one). */
export async function usageRecordsOf(requestId: string): Promise<UsageRow[]> {
  const { rows } = await getPool().query<UsageRow>(
    `SELECT u.id, u.request_id, u.workspace_id, u.user_id, u.api_key_id, u.source::text AS source, u.model,
            u.status::text AS status, u.prompt_tokens, u.completion_tokens, u.total_tokens, u.usage_source, u.images,
            u.credits, u.overage, u.latency_ms, u.upstream_id, h.amount AS hold_amount, h.status::text AS hold_status
       FROM usage_records u JOIN holds h ON h.usage_record_id = u.id
      WHERE u.request_id = $1`,
    [requestId],
  );
  return rows;
}

/** The one usage record of a response's request, once settlement has finished it (settling follows the response). */
export async function settledUsage(response: Response): Promise<UsageRow> {
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toMatch(/^req_/);
  // vi.waitFor, not expect.poll: it also works inside concurrent tests.
  return vi.waitFor(
    async () => {
      const rows = await usageRecordsOf(requestId!);
      if (rows.length !== 1) throw new Error(`${requestId} has ${rows.length} usage records, expected exactly 1`);
      if (rows[0]!.status === "pending") throw new Error(`${requestId} is still pending`);
      return rows[0]!;
    },
    { timeout: 15_000, interval: 50 },
  );
}

/** A workspace's balance and held credits. */
export async function booksOf(workspaceId: string): Promise<{ balance: number; held: number }> {
  const { rows } = await getPool().query<{ balance: number; held: number }>(
    `SELECT balance, held FROM workspaces WHERE id = $1`,
    [workspaceId],
  );
  return rows[0]!;
}

/** `npm run cli -- ledger:check --json` in its own process: every workspace's books must balance. */
export async function expectLedgerClean(databaseUrl = process.env.DATABASE_URL!): Promise<void> {
  const result = await runCli(["ledger:check", "--json"], { DATABASE_URL: databaseUrl, NODE_ENV: "test" });
  expect(result.json, result.stderr).toMatchObject({ ok: true, drift: [] });
  expect(result.code).toBe(0);
}

/** The OpenAI error body every /v1 error must have. */
export async function expectOpenAiError(
  response: Response,
  status: number,
  expected: { type: string; code: string | null; param?: string | null; message?: RegExp },
): Promise<{ message: string; type: string; param: string | null; code: string | null }> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  const body = JSON.parse(text) as { error: { message: string; type: string; param: string | null; code: string | null } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  expect(body.error).toMatchObject({ type: expected.type, code: expected.code });
  if (expected.param !== undefined) expect(body.error.param).toBe(expected.param);
  if (expected.message) expect(body.error.message).toMatch(expected.message);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}
