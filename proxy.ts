import { NextResponse, type NextRequest } from "next/server";
import { isPublicHost } from "@/lib/auth/is-public-host";
import { renderWrongHostPage } from "@/lib/auth/render-wrong-host-page";
import { parseEnv } from "@/lib/env/parse-env";

// lib/env carries `server-only`, which the proxy's bundle can't take; the same parser reads the same variables.
const env = parseEnv(process.env);

// Only a convenience redirect for people without a session cookie; every page, action and handler still
// authorises on its own. The matcher keeps the gateway (/v1), API routes and uploads out: the proxy
// buffers request bodies (10 MB cap), which would break large requests and streams.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
export const PATH_HEADER = "x-darkroom-path";
// Mailed links (verification, an email change's confirmation, a password reset) work in a browser without a session.
const PUBLIC_PATHS = new Set([
  "/",
  "/sign-in",
  "/sign-up",
  "/sign-up/check-inbox",
  "/verify-email",
  "/account/confirm-email",
  "/forgot-password",
  "/reset-password",
  "/dev/mailbox",
]);
// An invitation link tells a signed-out visitor whom it is for before they sign in or up.
const PUBLIC_PREFIXES = ["/invite/"];

export function proxy(request: NextRequest) {
  // Production pins the public origin (sessions and Auth.js callbacks belong to it): another host name gets a
  // page saying where Darkroom lives rather than a sign-in that can never stick. Development takes any host.
  if (env.NODE_ENV === "production" && !isPublicHost(request.headers, env.PUBLIC_URL, env.TRUST_PROXY_HOPS)) {
    return new NextResponse(renderWrongHostPage(env.PUBLIC_URL, request.headers.get("host")), {
      status: 421,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const { pathname, search } = request.nextUrl;
  // A bare /v1 belongs to the gateway (its OpenAI-shaped 404), never to the sign-in redirect.
  if (PUBLIC_PATHS.has(pathname) || pathname === "/v1" || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) {
    return NextResponse.next();
  }
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) {
    // Pages don't see their own URL; a workspace whose slug changed redirects old deep links with it.
    const headers = new Headers(request.headers);
    headers.set(PATH_HEADER, pathname + search);
    return NextResponse.next({ request: { headers } });
  }
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: [
    {
      source: "/((?!v1/|v1$|api/|_next/|favicon.ico|robots.txt).*)",
      // Server actions (image uploads among them) carry a Next-Action header: never through the proxy.
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
