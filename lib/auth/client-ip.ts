import "server-only";
import { env } from "@/lib/env";

import { CLIENT_IP_HEADER } from "./client-ip-header";

/** The caller's address: the socket's, or the proxy's X-Forwarded-For when TRUST_PROXY says it is ours. */
export function clientIpFrom(headers: Headers): string {
  if (env.TRUST_PROXY) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
