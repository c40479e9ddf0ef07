import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOutboundUrl } from "@/lib/net/check-outbound-url";
import { findBlockedRange } from "@/lib/net/find-blocked-range";
import { OutboundBlockedError } from "@/lib/net/outbound-errors";
import { parseAllowHosts } from "@/lib/net/parse-allow-hosts";
import { safeFetch } from "@/lib/net/safe-fetch";
import { startRecordingServer, type RecordingServer } from "@/tests/fixtures/fake-upstream/start-recording-server";

const limits = { maxBytes: 1024 * 1024, timeoutMs: 5_000 };

async function blockedReason(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => {
      throw new Error("expected the fetch to be blocked");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OutboundBlockedError);
  return (err as OutboundBlockedError).reason;
}

function resolverTo(...addresses: string[]) {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, calls };
}

describe("findBlockedRange", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.10", "reserved"], // TEST-NET-1
    ["198.51.100.1", "reserved"], // TEST-NET-2
    ["203.0.113.1", "reserved"], // TEST-NET-3
    ["198.18.0.1", "reserved"], // benchmarking
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["::ffff:127.0.0.1", "ipv4Mapped:loopback"],
    ["::ffff:7f00:1", "ipv4Mapped:loopback"],
    ["::ffff:169.254.169.254", "ipv4Mapped:linkLocal"],
    ["::ffff:10.0.0.1", "ipv4Mapped:private"],
    ["::7f00:1", "notGlobalUnicast"], // deprecated IPv4-compatible form
    ["64:ff9b::7f00:1", "rfc6052"], // NAT64 of 127.0.0.1
    ["2002:7f00:1::", "6to4"],
    ["not-an-ip", "invalid"],
  ])("%s is blocked (%s)", (address, range) => {
    expect(findBlockedRange(address)).toBe(range);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(findBlockedRange(address)).toBeNull();
    },
  );
});

describe("checkOutboundUrl", () => {
  it.each([
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://%31%32%37.0.0.1/", "127.0.0.1"],
    ["http://127。0。0。1/", "127.0.0.1"],
    ["http://0/", "0.0.0.0"],
    ["http://[::ffff:127.0.0.1]/", "[::ffff:7f00:1]"],
    ["http://[0:0:0:0:0:ffff:7f00:1]/", "[::ffff:7f00:1]"],
  ])("the URL parser normalises %s to %s, which is blocked", (url, hostname) => {
    expect(new URL(url).hostname).toBe(hostname);
    expect(() => checkOutboundUrl(url, [])).toThrow(OutboundBlockedError);
  });

  it.each([
    ["ftp://example.com/a.png", "unsupported_scheme"],
    ["file:///etc/passwd", "unsupported_scheme"],
    ["data:image/png;base64,AAAA", "unsupported_scheme"],
    ["javascript:alert(1)", "unsupported_scheme"],
    ["gopher://example.com/", "unsupported_scheme"],
    ["http://user:pass@example.com/", "credentials_in_url"],
    ["https://user@example.com/", "credentials_in_url"],
    ["/relative.png", "invalid_url"],
    ["not a url", "invalid_url"],
    ["http://localhost/", "blocked_hostname"],
    ["http://LOCALHOST./", "blocked_hostname"],
    ["http://api.localhost/", "blocked_hostname"],
    ["http://metadata.google.internal/computeMetadata/v1/", "blocked_hostname"],
    ["http://metadata/", "blocked_hostname"],
    ["http://printer.local/", "blocked_hostname"],
    ["http://169.254.169.254/latest/meta-data/", "blocked_address"],
    ["http://[fe80::1]/", "blocked_address"],
    ["http://[fc00::1]/", "blocked_address"],
    ["http://[::1]/", "blocked_address"],
    ["http://10.0.0.1/", "blocked_address"],
    ["http://100.64.0.1/", "blocked_address"],
    ["http://255.255.255.255/", "blocked_address"],
    ["http://224.0.0.1/", "blocked_address"],
    ["http://192.0.2.1/", "blocked_address"],
  ])("%s → %s", (url, reason) => {
    try {
      checkOutboundUrl(url, []);
      throw new Error("not blocked");
    } catch (err) {
      expect(err).toBeInstanceOf(OutboundBlockedError);
      expect((err as OutboundBlockedError).reason).toBe(reason);
    }
  });

  it("lets public hosts and addresses through without resolving anything", () => {
    expect(checkOutboundUrl("https://cdn.provider.example/a.png", []).allowed).toBe(false);
    expect(checkOutboundUrl("http://93.184.216.34:8080/x", []).port).toBe(8080);
  });

  it("matches allow-list entries by host, and by port when one is given", () => {
    const allow = parseAllowHosts(["127.0.0.1:4010", "localhost", "[::1]:9000", "Upstream.Test."]);
    expect(checkOutboundUrl("http://127.0.0.1:4010/v1", allow).allowed).toBe(true);
    expect(() => checkOutboundUrl("http://127.0.0.1:4011/v1", allow)).toThrow(OutboundBlockedError);
    expect(checkOutboundUrl("http://localhost:1234/", allow).allowed).toBe(true);
    expect(checkOutboundUrl("http://[::1]:9000/", allow).allowed).toBe(true);
    expect(checkOutboundUrl("https://upstream.test/", allow).allowed).toBe(true);
    // The allow list names hosts, not addresses: another spelling of 127.0.0.1 is the same host after parsing.
    expect(checkOutboundUrl("http://2130706433:4010/", allow).allowed).toBe(true);
    // Still no credentials or other schemes for allowed hosts.
    expect(() => checkOutboundUrl("http://u:p@127.0.0.1:4010/", allow)).toThrow(OutboundBlockedError);
    expect(() => parseAllowHosts(["http://x/"])).toThrow();
  });
});

describe("safeFetch never connects to a blocked destination", () => {
  let target: RecordingServer;
  beforeAll(async () => {
    target = await startRecordingServer();
  });
  afterAll(() => target.close());

  it.each([
    ["http://127.0.0.1:PORT/", "blocked_address"],
    ["http://2130706433:PORT/", "blocked_address"],
    ["http://0x7f000001:PORT/", "blocked_address"],
    ["http://0177.0.0.1:PORT/", "blocked_address"],
    ["http://127.1:PORT/", "blocked_address"],
    ["http://[::ffff:127.0.0.1]:PORT/", "blocked_address"],
    ["http://[::127.0.0.1]:PORT/", "blocked_address"],
    ["http://[::1]:PORT/", "blocked_address"],
    ["http://0.0.0.0:PORT/", "blocked_address"],
    ["http://[::]:PORT/", "blocked_address"],
    ["http://localhost:PORT/", "blocked_hostname"],
    ["http://foo.localhost:PORT/", "blocked_hostname"],
  ])("%s", async (template, reason) => {
    const dns = resolverTo("127.0.0.1");
    const url = template.replace("PORT", String(target.port));
    expect(await blockedReason(safeFetch(url, { ...limits, resolveHost: dns.resolve }))).toBe(reason);
    expect(dns.calls).toEqual([]);
    expect(target.connections).toBe(0);
  });

  it("refuses a hostname whose DNS answer is loopback, at connect time", async () => {
    const dns = resolverTo("127.0.0.1");
    const url = `http://images.evil.test:${target.port}/a.png`;
    expect(await blockedReason(safeFetch(url, { ...limits, resolveHost: dns.resolve }))).toBe("blocked_address");
    expect(dns.calls).toEqual(["images.evil.test"]);
    expect(target.connections).toBe(0);
  });

  it.each([["::ffff:127.0.0.1"], ["::1"], ["169.254.169.254"], ["10.0.0.5"]])(
    "refuses a hostname resolving to %s",
    async (address) => {
      const dns = resolverTo(address);
      const url = `http://rebind.test:${target.port}/`;
      expect(await blockedReason(safeFetch(url, { ...limits, resolveHost: dns.resolve }))).toBe("blocked_address");
      expect(target.connections).toBe(0);
    },
  );

  it("refuses a host when any one of its addresses is non-public", async () => {
    const dns = resolverTo("93.184.216.34", "127.0.0.1");
    const url = `http://mixed.test:${target.port}/`;
    expect(await blockedReason(safeFetch(url, { ...limits, resolveHost: dns.resolve }))).toBe("blocked_address");
    expect(target.connections).toBe(0);
  });

  it("refuses localhost through the system resolver as well", async () => {
    expect(await blockedReason(safeFetch(`http://localhost:${target.port}/`, limits))).toBe("blocked_hostname");
    expect(target.connections).toBe(0);
  });
});
