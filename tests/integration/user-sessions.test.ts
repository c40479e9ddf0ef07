import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { changePassword } from "@/lib/accounts/change-password";
import { db } from "@/lib/db/client";
import { revokeUserSession } from "@/lib/sessions/revoke-user-session";
import { seedUser } from "../factories/users";
import { type AppServer, startAppServer } from "../support/app-server";
import { signInCookie } from "../support/sign-in";

// The production server: sessions are Auth.js JWTs whose row the jwt callback reads on every request.
let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ databaseUrl: inject("databaseUrl") });
});
afterAll(async () => {
  await server?.stop();
});

/** Who the server thinks this cookie is (null: signed out). */
async function whoAmI(cookie: string): Promise<{ email: string; sessionId: string } | null> {
  const response = await fetch(`${server.url}/api/auth/session`, { headers: { cookie } });
  const body = (await response.json()) as { user?: { email: string }; sessionId?: string } | null;
  return body?.user ? { email: body.user.email, sessionId: body.sessionId! } : null;
}

describe("user sessions", () => {
  it("records each sign-in with its device and address, and refuses a revoked session on its next request", async () => {
    const user = await seedUser();
    const cookie = await signInCookie(server.url, user.email, user.password);
    const me = await whoAmI(cookie);
    expect(me?.email).toBe(user.email);
    const row = await db.userSession.findUniqueOrThrow({ where: { id: me!.sessionId } });
    expect(row).toMatchObject({ userId: user.userId, ipAddress: "127.0.0.1", revokedAt: null });
    expect(row.userAgent).toBeTruthy();

    await revokeUserSession({ userId: user.userId }, me!.sessionId);
    expect(await whoAmI(cookie)).toBeNull();
  });

  it("a password change keeps the session that made it and ends the others", async () => {
    const user = await seedUser();
    const here = await signInCookie(server.url, user.email, user.password);
    const there = await signInCookie(server.url, user.email, user.password);
    const hereId = (await whoAmI(here))!.sessionId;
    expect((await whoAmI(there))?.sessionId).not.toBe(hereId);

    await changePassword({ userId: user.userId, sessionId: hereId }, { currentPassword: user.password, newPassword: "changed it now" });
    expect((await whoAmI(here))?.email).toBe(user.email);
    expect(await whoAmI(there)).toBeNull();
  });

  it("signing out ends the session row, so a copy of the cookie is worthless", async () => {
    const user = await seedUser();
    const cookie = await signInCookie(server.url, user.email, user.password);
    const sessionId = (await whoAmI(cookie))!.sessionId;
    const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers: { cookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = [cookie, ...csrf.headers.getSetCookie().map((c) => c.split(";")[0]!)].join("; ");
    const out = await fetch(`${server.url}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
      body: new URLSearchParams({ csrfToken }),
    });
    expect(out.status).toBe(302);
    expect(await db.userSession.findUniqueOrThrow({ where: { id: sessionId }, select: { revokedAt: true } })).not.toEqual({ revokedAt: null });
    expect(await whoAmI(cookie)).toBeNull();
  });
});
