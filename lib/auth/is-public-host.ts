/**
 * Whether a request reached us under the configured public origin's host: the Host header, or, behind proxies
 * we trust (TRUST_PROXY_HOPS > 0), the X-Forwarded-Host they set. Production pins the origin (cookies and
 * Auth.js callbacks are issued for it), so a request for another name gets an explanation instead of a session
 * that silently doesn't stick.
 */
export function isPublicHost(headers: Headers, publicUrl: string, trustProxyHops: number): boolean {
  const expected = new URL(publicUrl).host.toLowerCase();
  const forwarded = trustProxyHops > 0 ? headers.get("x-forwarded-host")?.split(",").at(-1)?.trim() : undefined;
  const host = (forwarded || headers.get("host") || "").toLowerCase();
  return host === expected;
}
