import "server-only";
import { env } from "@/lib/env";

/**
 * The origin for links mailed about an account. Production (or PUBLIC_URL set) pins it; development without
 * PUBLIC_URL follows the host the request came to, like sign-in does (lib/auth/follow-request-host.ts), so a
 * person trying the app at http://127.0.0.1:3000 or a LAN name gets a link that works where they are.
 */
export function accountLinkOrigin(headers: Headers): string {
  if (env.NODE_ENV === "production" || env.PUBLIC_URL_CONFIGURED) return env.PUBLIC_URL;
  const host = headers.get("host");
  if (!host) return env.PUBLIC_URL;
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return env.PUBLIC_URL;
  }
}
