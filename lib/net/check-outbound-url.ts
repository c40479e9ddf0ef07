import { isIP } from "node:net";
import { OutboundBlockedError } from "./outbound-errors";
import { findBlockedRange } from "./find-blocked-range";
import { defaultPort, isHostAllowed, normalizeHost, type AllowedHost } from "./parse-allow-hosts";

// Names that reach the machine itself or a cloud metadata service without needing DNS to say so.
const BLOCKED_NAMES = new Set([
  "localhost",
  "localhost.localdomain",
  "ip6-localhost",
  "ip6-loopback",
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
  "metadata.azure.com",
  "metadata.platformequinix.com",
]);
// Private-use and special-use suffixes (RFC 6761, RFC 6762, ICANN's .internal): never a public image host.
const BLOCKED_SUFFIXES = [".localhost", ".internal", ".local", ".home.arpa", ".localdomain"];

export interface CheckedUrl {
  url: URL;
  /** Bare host (no brackets, no trailing dot, lower case). */
  host: string;
  port: number;
  /** Matched OUTBOUND_ALLOW_HOSTS: the address check is skipped for this host. */
  allowed: boolean;
}

/** Why a hostname (not an address) is refused, or null. */
export function findBlockedHostname(host: string): string | null {
  const h = normalizeHost(host);
  if (BLOCKED_NAMES.has(h)) return h;
  return BLOCKED_SUFFIXES.find((suffix) => h.endsWith(suffix)) ?? null;
}

/**
 * The checks that need no network: scheme, credentials, blocked names and IP literals. The WHATWG URL parser has
 * already turned decimal, hex, octal and short IPv4 forms (2130706433, 0x7f000001, 0177.0.0.1, 127.1) into
 * dotted quads and compressed IPv6, so every literal reaches the address check in canonical form. Hostnames are
 * checked again, by their resolved addresses, when the connection is made (see create-guarded-agent).
 */
export function checkOutboundUrl(input: string | URL, allow: readonly AllowedHost[]): CheckedUrl {
  const url = URL.parse(String(input));
  if (!url) throw new OutboundBlockedError("invalid_url", "Not a valid absolute URL", String(input).slice(0, 200));
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OutboundBlockedError("unsupported_scheme", `Scheme ${url.protocol} is not allowed`, url.href);
  }
  if (url.username || url.password) {
    throw new OutboundBlockedError("credentials_in_url", "URLs with credentials are not allowed", url.origin);
  }
  const host = normalizeHost(url.hostname);
  const port = url.port ? Number(url.port) : defaultPort(url.protocol);
  if (!host) throw new OutboundBlockedError("invalid_url", "URL has no host", url.href);
  if (isHostAllowed(allow, host, port)) return { url, host, port, allowed: true };

  if (isIP(host)) {
    const range = findBlockedRange(host);
    if (range) throw new OutboundBlockedError("blocked_address", `Address ${host} is not public (${range})`, url.href);
  } else {
    const name = findBlockedHostname(host);
    if (name) throw new OutboundBlockedError("blocked_hostname", `Host ${host} is not allowed`, url.href);
  }
  return { url, host, port, allowed: false };
}
