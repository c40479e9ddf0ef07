import "server-only";
import { env } from "@/lib/env";

import { CLIENT_IP_HEADER } from "./client-ip-header";
import { pickForwardedAddress } from "./pick-forwarded-address";

/**
 * The caller's address: the socket's, or, behind TRUST_PROXY_HOPS proxies of ours, the X-Forwarded-For entry the
 * outermost of them appended (counted from the right; everything left of it was written by the client).
 */
export function clientIpFrom(headers: Headers): string {
  const socket = headers.get(CLIENT_IP_HEADER) ?? "unknown";
  return pickForwardedAddress(socket, headers.get("x-forwarded-for"), env.TRUST_PROXY_HOPS);
}
