// The outbound guard through the production server: darkroom-local fetches http(s) input images server-side, so
// every non-public destination form must be refused with a 400 before any connection is made to it. A loopback
// server counts every TCP connection it accepts: it must see none.
import { promises as dns } from "node:dns";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { findBlockedRange } from "@/lib/net/find-blocked-range";
import { seedApiKey } from "../factories/api-keys";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import { startRecordingServer, type RecordingServer } from "../fixtures/fake-upstream/start-recording-server";
import type { AppServer } from "../support/app-server";
import { expectLedgerClean, expectOpenAiError, postChat, settledUsage, startGateway, userMessage } from "../support/gateway";

let fake: FakeUpstream;
let target: RecordingServer;
let redirector: http.Server;
let redirectorOrigin: string;
let server: AppServer;
let key: Awaited<ReturnType<typeof seedApiKey>>;
let localName: string;

beforeAll(async () => {
  [fake, target] = await Promise.all([startFakeUpstream(), startRecordingServer()]);
  // An allow-listed host that redirects wherever it is told: the hop after it must be checked again.
  redirector = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const hops = Number(url.searchParams.get("hops") ?? 0);
    const location = hops > 0 ? `/?hops=${hops - 1}&to=${encodeURIComponent(url.searchParams.get("to") ?? "")}` : url.searchParams.get("to");
    res.writeHead(302, { location: location ?? "/" }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  redirectorOrigin = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
  server = await startGateway(fake, { env: { OUTBOUND_ALLOW_HOSTS: [redirectorOrigin, fake.origin].map((o) => new URL(o).host).join(",") } });
  key = await seedApiKey();
  localName = os.hostname();
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([fake?.close(), target?.close(), new Promise((resolve) => redirector?.close(resolve))]);
  await expectLedgerClean();
  await closeDb();
});

const edit = (imageUrl: string) => postChat(server, key.key, { model: "darkroom-local", messages: [userMessage("make it grayscale", imageUrl)] });

async function expectBlocked(url: string) {
  const response = await edit(url);
  const error = await expectOpenAiError(response, 400, {
    type: "invalid_request_error",
    code: "invalid_image_url",
    param: "messages[0].content[1].image_url.url",
  });
  expect(error.message).toMatch(/refused/i);
  // Admitted, then released in full: nothing is charged for a refused input.
  expect(await settledUsage(response)).toMatchObject({ status: "failed", credits: 0, hold_status: "released" });
  expect(target.connections).toBe(0);
}

describe.concurrent("every non-public destination is refused without a connection", () => {
  const port = () => target.port;
  it.each<[string, () => string]>([
    ["loopback", () => `http://127.0.0.1:${port()}/a.png`],
    ["loopback, elsewhere in 127/8", () => `http://127.10.20.30:${port()}/a.png`],
    ["localhost", () => `http://localhost:${port()}/a.png`],
    ["a *.localhost name", () => `http://img.localhost:${port()}/a.png`],
    ["IPv6 loopback", () => `http://[::1]:${port()}/a.png`],
    ["decimal IPv4", () => `http://2130706433:${port()}/a.png`],
    ["hex IPv4", () => `http://0x7f000001:${port()}/a.png`],
    ["octal IPv4", () => `http://0177.0.0.1:${port()}/a.png`],
    ["short IPv4", () => `http://127.1:${port()}/a.png`],
    ["mixed-radix IPv4", () => `http://0x7f.0.0.01:${port()}/a.png`],
    ["IPv4-mapped IPv6", () => `http://[::ffff:127.0.0.1]:${port()}/a.png`],
    ["IPv4-mapped IPv6, hex", () => `http://[::ffff:7f00:1]:${port()}/a.png`],
    ["the unspecified address", () => `http://0.0.0.0:${port()}/a.png`],
    ["the unspecified IPv6 address", () => `http://[::]:${port()}/a.png`],
    ["https to loopback", () => `https://127.0.0.1:${port()}/a.png`],
    ["a hostname that resolves to loopback", () => `http://${localName}:${port()}/a.png`],
    ["private 10/8", () => "http://10.0.0.1/a.png"],
    ["private 172.16/12", () => "http://172.16.5.4/a.png"],
    ["private 192.168/16", () => "http://192.168.1.1/a.png"],
    ["carrier-grade NAT 100.64/10", () => "http://100.64.0.1/a.png"],
    ["link-local / cloud metadata", () => "http://169.254.169.254/latest/meta-data/"],
    ["metadata by name", () => "http://metadata.google.internal/computeMetadata/v1/"],
    ["an *.internal name", () => "http://images.corp.internal/a.png"],
    ["IPv6 unique local", () => "http://[fd00::1]/a.png"],
    ["IPv6 link-local", () => "http://[fe80::1]/a.png"],
    ["credentials in the URL", () => `http://user:secret@127.0.0.1:${port()}/a.png`],
    ["an allowed host redirecting to loopback", () => `${redirectorOrigin}/?to=${encodeURIComponent(`http://127.0.0.1:${port()}/a.png`)}`],
    ["an allowed host redirecting to a decimal IP", () => `${redirectorOrigin}/?to=${encodeURIComponent(`http://2130706433:${port()}/a.png`)}`],
    ["an allowed host redirecting to metadata", () => `${redirectorOrigin}/?to=${encodeURIComponent("http://169.254.169.254/latest/meta-data/")}`],
    ["more than 3 redirects", () => `${redirectorOrigin}/?hops=3&to=${encodeURIComponent(`${fake.origin}/files/in.png`)}`],
  ])("%s", async (_label, url) => {
    await expectBlocked(url());
  });

  it("(precondition) this machine's own hostname resolves to a non-public address", async () => {
    const addresses = await dns.lookup(localName, { all: true });
    expect(addresses.length).toBeGreaterThan(0);
    for (const { address } of addresses) expect(findBlockedRange(address)).not.toBeNull();
  });
});

describe("what the guard lets through", () => {
  it("an allow-listed host, directly and after 3 redirects: the image is fetched and edited", async () => {
    for (const url of [`${fake.origin}/files/in.png`, `${redirectorOrigin}/?hops=2&to=${encodeURIComponent(`${fake.origin}/files/in.png`)}`]) {
      const response = await edit(url);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      expect(text).toContain("data:image/png;base64,");
      expect(await settledUsage(response)).toMatchObject({ status: "succeeded", model: "darkroom-local" });
    }
    expect(target.connections).toBe(0);
  });
});
