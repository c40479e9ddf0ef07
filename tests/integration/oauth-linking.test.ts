import { randomInt } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { linkOAuthAccount } from "@/lib/auth/link-oauth-account";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { seedUser, uniqueEmail } from "../factories/users";
import { startFakeGitHub, type FakeGitHub, type FakeGitHubIdentity } from "../fixtures/fake-oauth/start-fake-github";
import { type AppServer, startAppServer } from "../support/app-server";
import { signInCookie } from "../support/sign-in";

// The production build signs in with GitHub (the Enterprise Server layout, AUTH_GITHUB_ENTERPRISE_URL) against
// a fake GitHub served here over real HTTP: Auth.js's own authorize → callback → token → API round trip.
// PUBLIC_URL is http://localhost:<port>: in production Auth.js's route handlers see 127.0.0.1 written as
// "localhost" (next-auth rebuilds the request as a NextRequest on AUTH_URL), so a loopback PUBLIC_URL must be
// spelled that way for the OAuth redirect_uri to match it. The test resolves localhost to 127.0.0.1 itself.
let github: FakeGitHub;
let server: AppServer;
let publicUrl: string;
/** What a browser does with a link to PUBLIC_URL: the same server, at the address it listens on. */
const local = (url: string) => url.replace(publicUrl, server.url);

beforeAll(async () => {
  github = await startFakeGitHub();
  server = await startAppServer({
    databaseUrl: inject("databaseUrl"),
    env: { AUTH_GITHUB_ID: github.clientId, AUTH_GITHUB_SECRET: github.clientSecret, AUTH_GITHUB_ENTERPRISE_URL: github.url },
    publicHost: "localhost",
  });
  publicUrl = `http://localhost:${server.port}`;
});
afterAll(async () => {
  await server?.stop();
  await github?.close();
});

/** A page as the browser at PUBLIC_URL gets it (fetch can't send another Host header than its URL's). */
function getAtPublicHost(url: string): Promise<string> {
  const target = new URL(local(url));
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: server.port, path: target.pathname + target.search, headers: { host: `localhost:${server.port}` } }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

type Outcome = { session: boolean; location: string; cookie: string | null };

/**
 * The browser's part of "Sign in with GitHub", by hand: cookies carried between the app's steps. `signedIn` is a
 * session cookie the browser already has (the account page's "Connect").
 */
async function signInWithGitHub(identity: FakeGitHubIdentity, signedIn?: string): Promise<Outcome> {
  const jar = new Map<string, string>();
  if (signedIn) {
    const at = signedIn.indexOf("=");
    jar.set(signedIn.slice(0, at), signedIn.slice(at + 1));
  }
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await fetch(`${server.url}/api/auth/signin/github`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${publicUrl}/` }),
  });
  keep(start);
  const authorize = start.headers.get("location")!;
  expect(authorize).toContain(`${github.url}/login/oauth/authorize?`);
  github.nextSignIn(identity);
  const back = await fetch(authorize, { redirect: "manual" });
  const callback = back.headers.get("location") ?? `(no redirect: ${back.status} ${await back.text()})`;
  expect(callback).toContain(`${publicUrl}/api/auth/callback/github?`);
  const done = await fetch(local(callback), { redirect: "manual", headers: { cookie: cookie() } });
  keep(done);
  const sessionCookie = [...jar].find(([name, value]) => /^(__Secure-)?authjs\.session-token$/.test(name) && value !== "");
  return {
    session: Boolean(sessionCookie),
    location: new URL(done.headers.get("location") ?? "/", publicUrl).toString(),
    cookie: sessionCookie ? `${sessionCookie[0]}=${sessionCookie[1]}` : null,
  };
}

const identity = (emails: FakeGitHubIdentity["emails"], publicEmail: string | null = null): FakeGitHubIdentity => ({
  id: randomInt(1, 2 ** 31),
  login: `octo-${randomInt(1e9)}`,
  name: "Octo Cat",
  publicEmail,
  emails,
});

const accountsOf = (userId: string) => db.account.findMany({ where: { userId }, select: { provider: true } });

describe("GitHub sign-in over HTTP against a fake GitHub", () => {
  it("a verified GitHub address links to the verified account with that address, reading /user/emails", async () => {
    const user = await seedUser();
    const outcome = await signInWithGitHub(identity([{ email: user.email, verified: true, primary: true }]));
    expect(outcome).toMatchObject({ session: true, location: `${publicUrl}/` });
    expect(await accountsOf(user.userId)).toEqual([{ provider: "github" }]);
    expect(github.apiCalls).toContain("/api/v3/user/emails");
  });

  it("an unverified GitHub address is not trusted, even as the profile's public email: no link, no account", async () => {
    const user = await seedUser();
    const outcome = await signInWithGitHub(identity([{ email: user.email, verified: false, primary: true }], user.email));
    expect(outcome.session).toBe(false);
    expect(outcome.location).toBe(`${publicUrl}/sign-in?error=unverified_provider_email`);
    expect(await accountsOf(user.userId)).toEqual([]);
  });

  it("the primary address is used only when verified; otherwise another verified one", async () => {
    const user = await seedUser();
    const outcome = await signInWithGitHub(
      identity([
        { email: uniqueEmail("unverified-primary"), verified: false, primary: true },
        { email: user.email, verified: true, primary: false },
      ]),
    );
    expect(outcome.session).toBe(true);
    expect(await accountsOf(user.userId)).toEqual([{ provider: "github" }]);
  });

  it("an existing unverified password account is not taken over by a verified GitHub address", async () => {
    // Someone signed up with the victim's address first; the victim then arrives through GitHub.
    const squatter = await seedUser({ emailVerified: false });
    const outcome = await signInWithGitHub(identity([{ email: squatter.email, verified: true, primary: true }]));
    expect(outcome.session).toBe(false);
    expect(outcome.location).toBe(`${publicUrl}/sign-in?error=unverified_account`);
    expect(await accountsOf(squatter.userId)).toEqual([]);
    const page = await getAtPublicHost(outcome.location);
    expect(page).toContain("Sign in with your password, then connect the provider from account settings.");
  });

  it("a new verified GitHub address creates a verified account with the full welcome credits", async () => {
    const email = uniqueEmail("new-octo");
    const outcome = await signInWithGitHub(identity([{ email, verified: true, primary: true }]));
    expect(outcome.session).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { workspace: true } } } });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.memberships[0]!.workspace.balance).toBe(env.DEFAULT_CREDITS);
  });
});

describe("Connect while signed in (the account page), over HTTP against the fake GitHub", () => {
  it("attaches the identity to the signed-in person whatever its address says, and the same session carries on", async () => {
    // Unverified on purpose: signing in with the password proves the account, so Connect needs no address match.
    const user = await seedUser({ emailVerified: false });
    const signedIn = await signInCookie(server.url, user.email, user.password);
    const outcome = await signInWithGitHub(identity([{ email: uniqueEmail("elsewhere"), verified: true, primary: true }]), signedIn);
    expect(outcome.session).toBe(true);
    expect(outcome.location).toBe(`${publicUrl}/`);
    expect(await accountsOf(user.userId)).toEqual([{ provider: "github" }]);
    // The session row the password sign-in started is the one still in use: Connect started no other.
    expect(await db.userSession.count({ where: { userId: user.userId, revokedAt: null } })).toBe(1);
    const me = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: outcome.cookie! } });
    expect(((await me.json()) as { user?: { email?: string } }).user?.email).toBe(user.email);
  });

  it("an identity that already belongs to someone else is refused: nothing moves, the account page says so", async () => {
    const owner = await seedUser();
    const theirs = identity([{ email: owner.email, verified: true, primary: true }]);
    expect((await signInWithGitHub(theirs)).session).toBe(true);
    const other = await seedUser();
    const outcome = await signInWithGitHub(theirs, await signInCookie(server.url, other.email, other.password));
    expect(outcome.location).toBe(`${publicUrl}/account?link=taken`);
    expect(await accountsOf(owner.userId)).toEqual([{ provider: "github" }]);
    expect(await accountsOf(other.userId)).toEqual([]);
  });
});

describe("linking rules for any provider (Google's email_verified claim)", () => {
  it("Google with email_verified false neither links nor creates", async () => {
    const user = await seedUser();
    const result = await linkOAuthAccount({ provider: "google", providerAccountId: `g-${randomInt(1e9)}`, email: user.email, emailVerified: false, name: "G" });
    expect(result).toEqual({ ok: false, reason: "unverified_provider_email" });
    const stranger = uniqueEmail("google-new");
    const created = await linkOAuthAccount({ provider: "google", providerAccountId: `g-${randomInt(1e9)}`, email: stranger, emailVerified: false, name: "G" });
    expect(created).toEqual({ ok: false, reason: "unverified_provider_email" });
    expect(await db.user.count({ where: { email: stranger } })).toBe(0);
    expect(await accountsOf(user.userId)).toEqual([]);
  });

  it("Google with email_verified true links to a verified account, never to an unverified one; a linked identity keeps working", async () => {
    const verified = await seedUser();
    const providerAccountId = `g-${randomInt(1e9)}`;
    const linked = await linkOAuthAccount({ provider: "google", providerAccountId, email: verified.email, emailVerified: true, name: "G" });
    expect(linked).toEqual({ ok: true, userId: verified.userId });
    expect(await linkOAuthAccount({ provider: "google", providerAccountId, email: null, emailVerified: false, name: "G" })).toEqual({ ok: true, userId: verified.userId });
    const unverified = await seedUser({ emailVerified: false });
    const refused = await linkOAuthAccount({ provider: "google", providerAccountId: `g-${randomInt(1e9)}`, email: unverified.email, emailVerified: true, name: "G" });
    expect(refused).toEqual({ ok: false, reason: "unverified_account" });
  });
});
