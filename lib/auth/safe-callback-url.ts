// Any origin will do as the base: only whether the parsed result stays on it matters.
const BASE = "http://darkroom.invalid";

/**
 * The one gate for every callback/redirect target a request supplies (no open redirects). The value is parsed
 * the way a browser would parse a Location header (the WHATWG URL parser: tabs and newlines dropped, `\` read as
 * `/`, dot segments resolved), so "/\t/evil.example" or "/\\evil.example" is seen for the off-site URL it is.
 * Accepted: a path on this site, or, when `origin` is given, an absolute URL on exactly that origin; returned
 * as the normalised path (+ query + fragment). Anything else gets `fallback`.
 */
export function safeCallbackUrl(value: string | null | undefined, fallback = "/", origin?: string): string {
  if (!value || value.length > 2000) return fallback;
  const isPath = value.startsWith("/");
  if (!isPath && !origin) return fallback;
  let parsed: URL;
  try {
    parsed = isPath ? new URL(value, BASE) : new URL(value);
  } catch {
    return fallback;
  }
  const expected = isPath ? BASE : new URL(origin!).origin;
  if (parsed.origin !== expected || parsed.username || parsed.password) return fallback;
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  // A normalised path that starts with two slashes would itself be read as another host ("//evil.example").
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
