import ipaddr from "ipaddr.js";

// Outside 2000::/3 nothing is globally routable; checking membership also catches forms ipaddr.js calls plain
// "unicast", such as the deprecated IPv4-compatible ::a.b.c.d (::/96).
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

/**
 * Returns the name of the special range an IP address belongs to (loopback, private, linkLocal, carrierGradeNat,
 * uniqueLocal, multicast, broadcast, unspecified, reserved — which includes the documentation and benchmarking
 * ranges —, ...), or null for an ordinary public unicast address. Anything unparseable counts as blocked.
 * IPv4-mapped IPv6 addresses are judged by their IPv4 address.
 */
export function findBlockedRange(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return "invalid";
  }
  if (parsed.kind() === "ipv4") {
    const range = parsed.range();
    return range === "unicast" ? null : range;
  }
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) {
    const inner = findBlockedRange(v6.toIPv4Address().toString());
    return inner === null ? null : `ipv4Mapped:${inner}`;
  }
  const range = v6.range();
  if (range !== "unicast") return range;
  return v6.match(GLOBAL_UNICAST_V6) ? null : "notGlobalUnicast";
}
