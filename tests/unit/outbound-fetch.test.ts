import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboundBlockedError, OutboundFetchError } from "@/lib/net/outbound-errors";
import { safeFetch, safeFetchStream } from "@/lib/net/safe-fetch";
import { startRecordingServer, type RecordingServer } from "@/tests/fixtures/fake-upstream/start-recording-server";

const limits = { maxBytes: 1024 * 1024, timeoutMs: 5_000 };

async function failure(promise: Promise<unknown>): Promise<OutboundBlockedError | OutboundFetchError> {
  const err = await promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
  if (!(err instanceof OutboundBlockedError || err instanceof OutboundFetchError)) throw err;
  return err;
}

const reasonOf = (err: OutboundBlockedError | OutboundFetchError) =>
  err instanceof OutboundBlockedError ? err.reason : err.code;

describe("safeFetch through allowed hosts", () => {
  let origin: RecordingServer; // the allowed host (an upstream or a private CDN)
  let other: RecordingServer; // another allowed host, for cross-origin redirects
  let target: RecordingServer; // a loopback service that must never be reached
  let allowHosts: string[];

  beforeAll(async () => {
    target = await startRecordingServer();
    other = await startRecordingServer((req, res) => res.end(JSON.stringify({ auth: req.headers.authorization ?? null })));
    origin = await startRecordingServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      const to = url.searchParams.get("to");
      if (url.pathname === "/redirect" && to) return res.writeHead(302, { location: to }).end();
      if (url.pathname === "/hops") {
        const n = Number(url.searchParams.get("n"));
        return res.writeHead(n > 0 ? 301 : 200, n > 0 ? { location: `/hops?n=${n - 1}` } : {}).end(n > 0 ? "" : "arrived");
      }
      if (url.pathname === "/big") return res.writeHead(200, { "content-length": "5000" }).end("x".repeat(5000));
      if (url.pathname === "/chunked") {
        res.writeHead(200, { "content-type": "image/png" });
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000, i));
        return res.end();
      }
      if (url.pathname === "/hang") return; // never answers
      if (url.pathname === "/stall") {
        res.writeHead(200);
        res.write("partial");
        return; // headers and a little body, then silence
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("hello");
    });
    allowHosts = [`127.0.0.1:${origin.port}`, `127.0.0.1:${other.port}`, `cdn.allowed.test:${origin.port}`];
  });
  afterAll(async () => {
    await Promise.all([origin.close(), other.close(), target.close()]);
  });

  it("fetches from an allowed host:port", async () => {
    const res = await safeFetch(`http://127.0.0.1:${origin.port}/a.txt`, { ...limits, allowHosts });
    expect(res.status).toBe(200);
    expect(Buffer.from(res.body).toString()).toBe("hello");
    expect(res.headers["content-type"]).toBe("text/plain");
  });

  it("an allow-list entry without a port allows every port; with one, only that port", async () => {
    const res = await safeFetch(`http://127.0.0.1:${origin.port}/`, { ...limits, allowHosts: ["127.0.0.1"] });
    expect(res.status).toBe(200);
    const err = await failure(safeFetch(`http://127.0.0.1:${target.port}/`, { ...limits, allowHosts }));
    expect(reasonOf(err)).toBe("blocked_address");
    expect(target.connections).toBe(0);
  });

  it("connects to the address its resolver returned (one lookup per connection)", async () => {
    const calls: string[] = [];
    const resolveHost = async (host: string): Promise<LookupAddress[]> => {
      calls.push(host);
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const res = await safeFetch(`http://cdn.allowed.test:${origin.port}/x`, { ...limits, allowHosts, resolveHost });
    expect(Buffer.from(res.body).toString()).toBe("hello");
    expect(calls).toEqual(["cdn.allowed.test"]);
  });

  it("follows relative redirects up to the limit, and no further", async () => {
    const ok = await safeFetch(`http://127.0.0.1:${origin.port}/hops?n=3`, { ...limits, allowHosts });
    expect(Buffer.from(ok.body).toString()).toBe("arrived");
    expect(ok.redirects).toBe(3);
    expect(ok.url).toBe(`http://127.0.0.1:${origin.port}/hops?n=0`);
    const err = await failure(safeFetch(`http://127.0.0.1:${origin.port}/hops?n=4`, { ...limits, allowHosts }));
    expect(reasonOf(err)).toBe("too_many_redirects");
  });

  it.each([
    ["http://127.0.0.1:TARGET/", "blocked_address"],
    ["http://2130706433:TARGET/", "blocked_address"],
    ["http://[::ffff:127.0.0.1]:TARGET/", "blocked_address"],
    ["http://localhost:TARGET/", "blocked_hostname"],
    ["http://rebound.test:TARGET/", "blocked_address"],
    ["http://169.254.169.254/latest/meta-data/", "blocked_address"],
    ["file:///etc/passwd", "unsupported_scheme"],
    ["http://user:pw@127.0.0.1:ORIGIN/", "credentials_in_url"],
  ])("re-checks a redirect from an allowed host to %s", async (template, reason) => {
    const to = template.replace("TARGET", String(target.port)).replace("ORIGIN", String(origin.port));
    const resolveHost = async (): Promise<LookupAddress[]> => [{ address: "127.0.0.1", family: 4 }];
    const url = `http://127.0.0.1:${origin.port}/redirect?to=${encodeURIComponent(to)}`;
    const err = await failure(safeFetch(url, { ...limits, allowHosts, resolveHost }));
    expect(reasonOf(err)).toBe(reason);
    expect(target.connections).toBe(0);
  });

  it("drops credentials on a cross-origin redirect", async () => {
    const to = `http://127.0.0.1:${other.port}/`;
    const url = `http://127.0.0.1:${origin.port}/redirect?to=${encodeURIComponent(to)}`;
    const res = await safeFetch(url, { ...limits, allowHosts, headers: { Authorization: "Bearer secret" } });
    expect(JSON.parse(Buffer.from(res.body).toString())).toEqual({ auth: null });
  });

  it("refuses a body announced larger than maxBytes", async () => {
    const url = `http://127.0.0.1:${origin.port}/big`;
    expect(reasonOf(await failure(safeFetch(url, { ...limits, maxBytes: 4999, allowHosts })))).toBe("too_large");
    const exact = await safeFetch(url, { ...limits, maxBytes: 5000, allowHosts });
    expect(exact.body.length).toBe(5000);
  });

  it("stops a body without Content-Length once it passes maxBytes", async () => {
    const url = `http://127.0.0.1:${origin.port}/chunked`;
    expect(reasonOf(await failure(safeFetch(url, { ...limits, maxBytes: 9999, allowHosts })))).toBe("too_large");
    expect((await safeFetch(url, { ...limits, maxBytes: 10_000, allowHosts })).body.length).toBe(10_000);
  });

  it("streams the body in pieces under the same cap", async () => {
    const res = await safeFetchStream(`http://127.0.0.1:${origin.port}/chunked`, { ...limits, allowHosts });
    let total = 0;
    for await (const chunk of res.body) total += chunk.length;
    expect(total).toBe(10_000);
    const cancelled = await safeFetchStream(`http://127.0.0.1:${origin.port}/chunked`, { ...limits, allowHosts });
    cancelled.cancel();
  });

  it("times out a server that never answers, and one that stalls mid-body", async () => {
    const started = Date.now();
    const hang = await failure(safeFetch(`http://127.0.0.1:${origin.port}/hang`, { ...limits, timeoutMs: 300, allowHosts }));
    expect(reasonOf(hang)).toBe("timeout");
    const stall = await failure(safeFetch(`http://127.0.0.1:${origin.port}/stall`, { ...limits, timeoutMs: 300, allowHosts }));
    expect(reasonOf(stall)).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("honours the caller's abort signal", async () => {
    const controller = new AbortController();
    const pending = safeFetch(`http://127.0.0.1:${origin.port}/hang`, { ...limits, allowHosts, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(reasonOf(await failure(pending))).toBe("aborted");
  });
});
