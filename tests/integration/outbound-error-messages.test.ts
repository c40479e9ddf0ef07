import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { loadModelInputImage } from "@/lib/gateway/core/load-model-input-image";
import { LocalModelInputError } from "@/lib/models/darkroom-local/local-model-input-error";
import { freePort } from "../support/app-server";

// Callers (API clients, studio users) must learn that the image could not be fetched, never which internal
// address, port or resolver answer the server ran into.
const mutableEnv = env as { OUTBOUND_ALLOW_HOSTS: string[] };
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(404).end("nope"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  mutableEnv.OUTBOUND_ALLOW_HOSTS = [];
  await new Promise((resolve) => server.close(resolve));
});

async function messageFor(url: string): Promise<string> {
  const error = await loadModelInputImage(url, new AbortController().signal).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LocalModelInputError);
  return (error as LocalModelInputError).message;
}

function expectNothingInternal(message: string, ...internals: string[]) {
  expect(message).toMatch(/^could not fetch the image/);
  for (const internal of internals) expect(message).not.toContain(internal);
  expect(message).not.toMatch(/ECONN|ENOTFOUND|EAI_AGAIN|\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b|:\d{2,5}\b/);
}

describe("outbound fetch errors shown to callers", () => {
  it("a refused private destination names no address", async () => {
    const message = await messageFor(`http://10.1.2.3:${port}/a.png`);
    expectNothingInternal(message, "10.1.2.3", String(port));
    expect(message).toMatch(/refused/);
  });

  it("a connection that fails names no address or port", async () => {
    const closed = await freePort();
    mutableEnv.OUTBOUND_ALLOW_HOSTS = [`127.0.0.1:${closed}`];
    const message = await messageFor(`http://127.0.0.1:${closed}/a.png`);
    expectNothingInternal(message, "127.0.0.1", String(closed));
  });

  it("a name that doesn't resolve is not echoed with the resolver's error", async () => {
    const message = await messageFor("http://no-such-host.invalid/a.png");
    expectNothingInternal(message, "no-such-host.invalid");
  });

  it("an error answer says its HTTP status and nothing else", async () => {
    mutableEnv.OUTBOUND_ALLOW_HOSTS = [`127.0.0.1:${port}`];
    const message = await messageFor(`http://127.0.0.1:${port}/a.png`);
    expectNothingInternal(message, "127.0.0.1", String(port));
    expect(message).toContain("HTTP 404");
  });
});

describe("guard refusals", () => {
  it("say refused, and why, without the URL", async () => {
    const message = await messageFor(`http://user:secret@example.test:${port}/a.png`);
    expectNothingInternal(message, "secret", "example.test");
    expect(message).toMatch(/refused/);
  });
});
