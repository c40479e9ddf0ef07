/**
 * Signs in through the real Auth.js endpoints of a running server (CSRF token, then the credentials callback)
 * and returns the `Cookie` header value that carries the session.
 */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: baseUrl }),
  });
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .find((cookie) => /^(__Secure-)?authjs\.session-token=/.test(cookie));
  if (!session) throw new Error(`sign-in as ${email} failed: ${response.status} ${response.headers.get("location")}`);
  return session;
}
