import "server-only";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";

type Handler = (request: NextRequest) => Promise<Response>;

/**
 * Development without PUBLIC_URL: Auth.js takes its origin from the request URL, but in a route handler Next
 * builds that URL from its own view of the server and writes 127.0.0.1 as "localhost" (NextURL), so a sign-in at
 * http://127.0.0.1:3000 was redirected to localhost, where its session cookie doesn't exist. Rebuild the URL on
 * the Host header the browser sent, as a plain Request (a NextRequest would rename the host again); Auth.js reads
 * only the standard Request fields when AUTH_URL is unset. Production (or PUBLIC_URL set) pins the origin
 * through AUTH_URL and is left alone.
 */
export function followRequestHost(handler: Handler): Handler {
  if (env.NODE_ENV === "production" || env.PUBLIC_URL_CONFIGURED) return handler;
  return (request) => {
    const host = request.headers.get("host");
    if (!host) return handler(request);
    let url: URL;
    try {
      url = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, `${request.nextUrl.protocol}//${host}`);
    } catch {
      return handler(request);
    }
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    const rebuilt = new Request(url, {
      method: request.method,
      headers: request.headers,
      body: hasBody ? request.body : undefined,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    return handler(rebuilt as NextRequest);
  };
}
