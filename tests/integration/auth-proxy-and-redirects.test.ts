import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedUser } from "../factories/users";
import { type AppServer, startAppServer } from "../support/app-server";

// The production server behind one proxy of ours: the proxy appends the address it saw to X-Forwarded-For,
// anything left of that entry is whatever the client wrote. TRUST_PROXY=true is set too: the old switch must
// not bring back "left-most wins" next to the hop count.
const SIGNIN_LIMIT = 3;
let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({
    databaseUrl: inject("databaseUrl"),
    env: { TRUST_PROXY: "true", TRUST_PROXY_HOPS: "1", SIGNIN_LIMIT_PER_IP: String(SIGNIN_LIMIT) },
  });
});
afterAll(async () => {
  await server?.stop();
});

const randomAddress = () => `${randomInt(1, 224)}.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** One credentials sign-in through Auth.js: the session cookie, or the `code` Auth.js put in its redirect. */
async function signInThroughProxy(email: string, password: string, forwardedFor: string): Promise<{ code: string; cookie?: string }> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
  const response = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), "x-forwarded-for": forwardedFor },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: server.url }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => /^(__Secure-)?authjs\.session-token=/.test(c));
  if (cookie) return { code: "ok", cookie };
  return { code: new URL(response.headers.get("location") ?? "/", server.url).searchParams.get("code") ?? `status ${response.status}` };
}

const attemptSignIn = async (email: string, password: string, forwardedFor: string) => (await signInThroughProxy(email, password, forwardedFor)).code;

/** A session of a new user, signed in from an address of its own (the per-address budget here is small). */
async function signedInUser() {
  const user = await seedUser();
  const { cookie } = await signInThroughProxy(user.email, user.password, randomAddress());
  if (!cookie) throw new Error("sign-in failed");
  return { user, cookie };
}

describe("client address behind TRUST_PROXY_HOPS=1", () => {
  it("a spoofed left-most X-Forwarded-For entry doesn't buy a fresh sign-in budget", async () => {
    const user = await seedUser();
    const seenByProxy = randomAddress();
    for (let i = 0; i < SIGNIN_LIMIT; i++) {
      // A different made-up client entry every time; the proxy's entry (right-most) stays the same.
      expect(await attemptSignIn(user.email, "wrong password", `${randomAddress()}, ${seenByProxy}`)).toBe("credentials");
    }
    expect(await attemptSignIn(user.email, user.password, `${randomAddress()}, ${seenByProxy}`)).toBe("rate_limited");
    expect(await attemptSignIn(user.email, user.password, seenByProxy)).toBe("rate_limited");
    // Someone else behind the same proxy (another right-most entry) still signs in: the header is honoured.
    expect(await attemptSignIn(user.email, user.password, `${seenByProxy}, ${randomAddress()}`)).toBe("ok");
  });
});

describe("callback URLs", () => {
  it.each(["/%09/evil.example", "/%0A/evil.example", "//evil.example", "/%5Cevil.example", "/%5C/evil.example", "https://evil.example/"])(
    "a signed-in visit to /sign-in?callbackUrl=%s stays on this site",
    async (callbackUrl) => {
      const { cookie } = await signedInUser();
      const response = await fetch(`${server.url}/sign-in?callbackUrl=${callbackUrl}`, { redirect: "manual", headers: { cookie } });
      expect(response.status).toBeGreaterThanOrEqual(300);
      expect(response.status).toBeLessThan(400);
      const location = response.headers.get("location")!;
      // What a browser makes of the Location header (it drops tabs and newlines, reads \ as /).
      expect(new URL(location, server.url).origin).toBe(server.url);
    },
  );

  it("a same-site callbackUrl is still honoured", async () => {
    const { user, cookie } = await signedInUser();
    const response = await fetch(`${server.url}/sign-in?callbackUrl=${encodeURIComponent(`/${user.workspaceSlug}?x=1`)}`, { redirect: "manual", headers: { cookie } });
    expect(new URL(response.headers.get("location")!, server.url).toString()).toBe(`${server.url}/${user.workspaceSlug}?x=1`);
  });
});
